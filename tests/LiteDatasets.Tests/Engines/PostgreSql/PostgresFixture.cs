using LiteDatasets.PostgreSql;
using Npgsql;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary>
/// Base of the PostgreSQL engine's own tests: a schema of its own per test on the test run's server, stores opened
/// in it, and a raw connection for looking at (or tampering with) the tables from outside the store.
/// </summary>
public abstract class PostgresFixture
{
    /// <summary>Gets the schema of the current test.</summary>
    protected string Schema { get; private set; } = null!;

    /// <summary>Gets the connection string of the test run's server.</summary>
    protected static string ConnectionString => PostgresSuite.Server.ConnectionString;

    [SetUp]
    public void NewSchema() => Schema = PostgresSuite.NewSchema();

    /// <summary>Opens a store in the test's schema.</summary>
    protected PostgresDatasetStore OpenStore(TimeSpan? lockTimeout = null, bool readOnly = false) =>
        PostgresDatasetStore.Open(ConnectionString, new PostgresStoreOptions
        {
            Schema = Schema,
            LockTimeout = lockTimeout ?? TimeSpan.FromSeconds(30),
            ReadOnly = readOnly,
        });

    /// <summary>Opens a raw connection to the server, outside any store (not pooled: a test may restart the server).</summary>
    protected static NpgsqlConnection Connect()
    {
        var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        connection.Open();
        return connection;
    }

    /// <summary>Runs one statement on a raw connection; <c>{s}</c> stands for the test's quoted schema.</summary>
    protected void Execute(string sql)
    {
        using var connection = Connect();
        Execute(connection, sql);
    }

    /// <summary>Runs one statement on <paramref name="connection"/>; <c>{s}</c> stands for the test's quoted schema.</summary>
    protected void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(Sql(sql), connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Reads one value on a raw connection; <c>{s}</c> stands for the test's quoted schema.</summary>
    protected T Scalar<T>(string sql)
    {
        using var connection = Connect();
        using var command = new NpgsqlCommand(Sql(sql), connection);
        return (T)command.ExecuteScalar()!;
    }

    private string Sql(string sql) => sql.Replace("{s}", "\"" + Schema + "\"", StringComparison.Ordinal);
}
