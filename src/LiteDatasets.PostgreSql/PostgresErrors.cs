using System.Globalization;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// Turns Npgsql's and the server's exceptions into <see cref="LiteDatasetsException"/>s that say what happened
/// to the store, so that nothing from the provider escapes raw. Messages name the server, database, user and
/// schema, never a password (they are built from the connection settings with the password removed).
/// </summary>
internal static class PostgresErrors
{
    /// <summary>Maps a failure of <paramref name="operation"/> on the store at <paramref name="where"/>.</summary>
    public static LiteDatasetsException Map(NpgsqlException ex, string operation, string where, TimeSpan lockTimeout)
    {
        if (ex is PostgresException server)
        {
            return server.SqlState switch
            {
                PostgresErrorCodes.LockNotAvailable => new(ErrorCode.Busy, string.Create(CultureInfo.InvariantCulture,
                    $"Could not lock the dataset within {lockTimeout.TotalSeconds:0.###} s because other writes hold it ({where}). Retry later or raise LockTimeout."), ex),
                PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.QueryCanceled =>
                    new(ErrorCode.Busy, $"The server stopped {operation} because other work competed with it ({where}): {server.MessageText}. Retry.", ex),
                PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory or PostgresErrorCodes.ProgramLimitExceeded =>
                    new(ErrorCode.StorageFull, $"The server ran out of room while {operation} ({where}): {server.MessageText}. Nothing of the write was kept.", ex),
                PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification =>
                    new(ErrorCode.StorageFailure, $"The server refused the login ({where}): {server.MessageText}. Check the user and the password (PGPASSWORD or the connection string).", ex),
                PostgresErrorCodes.InvalidCatalogName =>
                    new(ErrorCode.StorageFailure, $"The database does not exist ({where}): {server.MessageText}. Create it first (CREATE DATABASE), then open the store.", ex),
                PostgresErrorCodes.InsufficientPrivilege =>
                    new(ErrorCode.StorageFailure, $"The user may not do this ({where}): {server.MessageText}. Grant it the rights on the schema, or open the store read-only.", ex),
                PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow =>
                    new(ErrorCode.StorageFailure, $"The server closed the connection while {operation} ({where}): {server.MessageText}. Nothing of an unfinished write was kept; retry.", ex),
                _ => new(ErrorCode.StorageFailure, $"The server failed while {operation} ({where}): {server.SqlState} {server.MessageText}", ex),
            };
        }

        return new(ErrorCode.StorageFailure, $"Could not talk to the server while {operation} ({where}): {Describe(ex)}. Check that it runs and can be reached.", ex);
    }

    /// <summary>
    /// The error for a connection lost while the server was committing: the commit may or may not have happened,
    /// and only reading the dataset again tells.
    /// </summary>
    public static LiteDatasetsException CommitUnknown(NpgsqlException ex, string where) =>
        new(ErrorCode.StorageFailure,
            $"The connection to the server was lost while committing ({where}), so whether the write was committed is unknown. "
            + "Read the dataset's version, or retry with WriteOptions.ExpectedVersion set to the version you wrote against: "
            + "a VersionConflict then means the first attempt was committed.",
            ex);

    /// <summary>Describes where a store lives, without the password.</summary>
    public static string Where(NpgsqlConnectionStringBuilder settings, string schema) =>
        $"PostgreSQL database '{settings.Database}' on {settings.Host}:{settings.Port} as '{settings.Username}', schema '{schema}'";

    private static string Describe(Exception ex)
    {
        // The innermost message says what failed (a refused connection, a timeout), Npgsql's outer one only that it did.
        var inner = ex;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == ex ? ex.Message : $"{ex.Message} ({inner.Message})";
    }
}
