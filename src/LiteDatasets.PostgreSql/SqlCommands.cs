using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>Statements without parameters, run outside <see cref="PostgresRows"/> (opening, checks).</summary>
internal static class SqlCommands
{
    /// <summary>Runs <paramref name="text"/> (one or more statements).</summary>
    public static void Execute(NpgsqlConnection connection, string text)
    {
        using var command = new NpgsqlCommand(text, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query of one value.</summary>
    public static T Scalar<T>(NpgsqlConnection connection, string text)
    {
        using var command = new NpgsqlCommand(text, connection);
        return (T)command.ExecuteScalar()!;
    }
}
