using System.Data;
using System.Globalization;
using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// The PostgreSQL engine behind the storage port. A write is one READ COMMITTED transaction whose first
/// statement locks the dataset's row (<c>SELECT … FOR UPDATE</c>, through <see cref="IStoreWriter.FindDatasetForUpdate"/>):
/// writers of one dataset, in any process, take turns and number their versions without gaps or retries, and a
/// lock that cannot be had within <see cref="PostgresStoreOptions.LockTimeout"/> is <see cref="ErrorCode.Busy"/>.
/// Writes that create datasets take one advisory lock of the schema instead. A read is one REPEATABLE READ READ ONLY
/// transaction, so a read of several statements sees one commit or the next, never half of one, and never waits.
/// </summary>
internal sealed class PostgresEngine : IStorageEngine, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly NpgsqlDataSource _readSource;
    private readonly StoreSql _sql;
    private readonly TimeSpan _lockTimeout;
    private readonly string _beginCatalogueWrite;
    private volatile bool _disposed;

    public PostgresEngine(NpgsqlConnectionStringBuilder settings, StoreSql sql, string where, TimeSpan lockTimeout, bool readOnly)
    {
        _source = new NpgsqlDataSourceBuilder(WithOptions(settings, "-c lock_timeout=" + LockTimeoutMilliseconds(lockTimeout)).ConnectionString).Build();
        _readSource = new NpgsqlDataSourceBuilder(WithOptions(settings, "-c default_transaction_read_only=on").ConnectionString).Build();
        _sql = sql;
        Where = where;
        _lockTimeout = lockTimeout;
        IsReadOnly = readOnly;
        _beginCatalogueWrite = $"SELECT pg_advisory_xact_lock(hashtext('{StoreSql.Literal(CatalogueLockName(sql.Schema))}'))";
    }

    public bool IsReadOnly { get; }

    /// <summary>Gets where the store lives, for messages (no password).</summary>
    public string Where { get; }

    /// <summary>Gets the statements of the store's schema.</summary>
    public StoreSql Sql => _sql;

    /// <summary>
    /// Gets or sets whether the schema has the experiment tables: a read-only open reads a schema from before
    /// them as it is (<see cref="Schema.Migration.ReadsOlderSchemas"/>), where every experiment read finds none.
    /// </summary>
    public bool HasExperimentTables { get; set; } = true;

    /// <summary>Gets or sets whether the schema has the cache table (a read-only open of an older schema reads no entries).</summary>
    public bool HasCacheTable { get; set; } = true;

    /// <summary>Gets or sets whether the experiments have their policy and carried-from columns (see <see cref="Schema.Migrations.CarryForward"/>).</summary>
    public bool HasCarryColumns { get; set; } = true;

    /// <summary>The error for a server failure, or for stored rows that cannot be read (<see cref="StoreDamage"/>), while <paramref name="operation"/>.</summary>
    private LiteDatasetsException Failure(Exception ex, string operation) =>
        ex is StoreDamage damage ? Errors.Damaged(Where, damage.Message, damage.InnerException) : PostgresErrors.Map((NpgsqlException)ex, operation, Where, _lockTimeout);

    /// <summary>The name of the advisory lock that serialises creating datasets (and opening the schema) in one schema.</summary>
    public static string CatalogueLockName(string schema) => "litedatasets:" + schema;

    public T Read<T>(Func<IStoreReader, T> body)
    {
        ThrowIfDisposed();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = _readSource.OpenConnection();
                using var transaction = connection.BeginTransaction(IsolationLevel.RepeatableRead);
                var result = body(new PostgresRows(connection, _sql, HasExperimentTables, HasCacheTable, HasCarryColumns));
                transaction.Commit();
                return result;
            }
            catch (NpgsqlException ex) when (attempt == 1 && IsConnectionLost(ex))
            {
                // A pooled connection the server has since closed (a restart, an idle timeout): a read changes
                // nothing, so it runs again on a fresh connection.
                _readSource.Clear();
            }
            catch (Exception ex) when (ex is NpgsqlException or StoreDamage)
            {
                throw Failure(ex, "reading");
            }
        }
    }

    public T Write<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body) =>
        WriteUnit(datasetId is null ? _beginCatalogueWrite : null, body);

    // No statement before the body: its first query takes the row lock it needs (FindExperimentForUpdate).
    public T WriteRowLocked<T>(Func<IStoreWriter, (T Result, bool Changed)> body) => WriteUnit(null, body);

    /// <summary>Runs a write after <paramref name="firstStatements"/> (a lock), or with the body's own first query as its first statement.</summary>
    private T WriteUnit<T>(string? firstStatements, Func<IStoreWriter, (T Result, bool Changed)> body)
    {
        ThrowIfDisposed();
        if (IsReadOnly)
        {
            throw Errors.ReadOnly();
        }

        for (var attempt = 1; ; attempt++)
        {
            using var connection = Begin(firstStatements, out var transaction);
            using (transaction)
            {
                var rows = new PostgresRows(connection, _sql, HasExperimentTables, HasCacheTable, HasCarryColumns);
                T result;
                bool changed;
                try
                {
                    (result, changed) = body(rows);
                    if (changed)
                    {
                        rows.Flush();
                    }
                }
                catch (NpgsqlException ex) when (attempt == 1 && rows.Commands == 1 && ex is not PostgresException)
                {
                    // The pooled connection was gone (the server restarted since it was last used), and the body's
                    // first command, the BEGIN with its dataset's lock, found the socket closed: nothing ran, so the
                    // body runs again on a new connection. A backend terminated while the write waits for its lock
                    // says so (a server error, not a closed socket), and that is reported, not retried.
                    _source.Clear();
                    continue;
                }
                catch (Exception ex) when (ex is NpgsqlException or StoreDamage)
                {
                    // The transaction is rolled back as it is disposed.
                    throw Failure(ex, "writing");
                }

                if (!changed)
                {
                    return result;
                }

                try
                {
                    transaction.Commit();
                }
                catch (NpgsqlException ex)
                {
                    // A server error that refused the commit means it did not happen; a lost connection leaves it unknown.
                    throw IsConnectionLost(ex) ? PostgresErrors.CommitUnknown(ex, Where) : PostgresErrors.Map(ex, "committing", Where, _lockTimeout);
                }

                return result;
            }
        }
    }

    /// <summary>Runs <paramref name="body"/> on a connection of its own, outside any transaction (verification, tests).</summary>
    public T WithConnection<T>(string operation, Func<NpgsqlConnection, T> body)
    {
        ThrowIfDisposed();
        try
        {
            using var connection = _source.OpenConnection();
            return body(connection);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Map(ex, operation, Where, _lockTimeout);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _readSource.Dispose();
        _source.Dispose();
    }

    /// <summary>
    /// Opens a connection and a write transaction, running <paramref name="firstStatements"/> when given (else the
    /// BEGIN travels with the body's first query). A pooled connection found closed is replaced once, as nothing
    /// was written yet.
    /// </summary>
    private NpgsqlConnection Begin(string? firstStatements, out NpgsqlTransaction transaction)
    {
        for (var attempt = 1; ; attempt++)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = _source.OpenConnection();
                transaction = connection.BeginTransaction(IsolationLevel.ReadCommitted);
                if (firstStatements is not null)
                {
                    SqlCommands.Execute(connection, firstStatements);
                }

                return connection;
            }
            catch (NpgsqlException ex) when (attempt == 1 && IsConnectionLost(ex))
            {
                connection?.Dispose();
                _source.Clear();
            }
            catch (NpgsqlException ex)
            {
                connection?.Dispose();
                throw PostgresErrors.Map(ex, "starting a write", Where, _lockTimeout);
            }
        }
    }

    /// <summary>
    /// Settings with session defaults added to the server options, so that no write or read spends a round trip
    /// on SET: writers wait for locks at most the lock timeout; every transaction of a reading connection is read-only
    /// (a read's BEGIN names its isolation level and travels with its first query).
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithOptions(NpgsqlConnectionStringBuilder settings, string options)
    {
        var copy = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        copy.Options = (copy.Options + " " + options).Trim();
        return copy;
    }

    private static string LockTimeoutMilliseconds(TimeSpan timeout) =>
        Math.Max(1, (long)Math.Ceiling(timeout.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);

    private static bool IsConnectionLost(NpgsqlException ex) =>
        ex is not PostgresException || ex is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown };

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, typeof(PostgresDatasetStore));
}
