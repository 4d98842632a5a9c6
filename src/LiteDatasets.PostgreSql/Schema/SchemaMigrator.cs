using System.Globalization;
using Npgsql;

namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// Brings a schema to the version this release writes when a store opens. Everything runs in one transaction
/// under the schema's advisory lock, so several processes opening a fresh database at once create the tables
/// once and the others wait and find them; a failed migration leaves the schema as it was.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Checks (and, unless <paramref name="readOnly"/>, creates or upgrades) the schema; returns its version.</summary>
    public static int Migrate(NpgsqlConnection connection, StoreSql sql, IReadOnlyList<Migration> plan, bool readOnly, TimeProvider clock, string where)
    {
        var target = plan[^1].Version;
        using var transaction = connection.BeginTransaction();
        SqlCommands.Execute(connection, $"SELECT pg_advisory_xact_lock(hashtext('{StoreSql.Literal(PostgresEngine.CatalogueLockName(sql.Schema))}'))");
        var current = CurrentVersion(connection, sql);
        if (current > target)
        {
            throw new LiteDatasetsException(ErrorCode.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture,
                $"The store in {where} has schema version {current}, newer than this release of LiteDatasets reads ({target}). Upgrade LiteDatasets to open it."));
        }

        if (current == target)
        {
            return current;
        }

        if (readOnly && current > 0 && plan.Where(m => m.Version > current).All(m => m.ReadsOlderSchemas))
        {
            // Read as it is: the migrations since only add tables this schema lacks, and a read-only open never migrates.
            return current;
        }

        if (readOnly)
        {
            throw current == 0
                ? new LiteDatasetsException(ErrorCode.StorageFailure, $"There is no store in {where}. Open it once for writing to create it.")
                : new LiteDatasetsException(ErrorCode.UnsupportedFormat, string.Create(CultureInfo.InvariantCulture,
                    $"The store in {where} has schema version {current}, older than this release writes ({target}), and a read-only open does not upgrade it. Open it once for writing to upgrade it."));
        }

        SqlCommands.Execute(connection, $"""
            CREATE SCHEMA IF NOT EXISTS {sql.Quoted};
            CREATE TABLE IF NOT EXISTS {sql.Quoted}.migrations (
                version integer PRIMARY KEY,
                description text NOT NULL,
                applied_at bigint NOT NULL)
            """);
        foreach (var migration in plan.Where(m => m.Version > current))
        {
            SqlCommands.Execute(connection, migration.Sql.Replace("{s}", sql.Quoted, StringComparison.Ordinal));
            using var record = new NpgsqlCommand($"INSERT INTO {sql.Quoted}.migrations (version, description, applied_at) VALUES ($1, $2, $3)", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return target;
    }

    /// <summary>Reads the newest migration recorded in the schema, or 0 when it has none (or does not exist).</summary>
    public static int CurrentVersion(NpgsqlConnection connection, StoreSql sql)
    {
        using var exists = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection);
        exists.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sql.Quoted + ".migrations" });
        if (!(bool)exists.ExecuteScalar()!)
        {
            return 0;
        }

        return SqlCommands.Scalar<int>(connection, $"SELECT coalesce(max(version), 0) FROM {sql.Quoted}.migrations");
    }

}
