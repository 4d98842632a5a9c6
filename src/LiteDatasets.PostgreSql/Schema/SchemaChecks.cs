using System.Globalization;
using Npgsql;

namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// The checks of <see cref="PostgresDatasetStore.Verify"/> that only SQL can make: rows of a dataset that no
/// longer exists and results of an experiment that no longer exists (the rules never see them), revisions of one item whose version ranges overlap or leave more
/// than one live, and the schema version recorded against the one the store opened with.
/// </summary>
internal static class SchemaChecks
{
    public static IEnumerable<VerifyProblem> Run(NpgsqlConnection connection, StoreSql sql, int openedVersion)
    {
        var s = sql.Quoted;
        var problems = new List<VerifyProblem>();
        foreach (var table in StoreSql.DatasetTables.Where(t => openedVersion >= Migrations.Experiments || !StoreSql.ExperimentTables.Contains(t)))
        {
            var orphans = SqlCommands.Scalar<long>(connection, $"SELECT count(*) FROM {s}.{table} t WHERE NOT EXISTS (SELECT 1 FROM {s}.datasets d WHERE d.key = t.dataset_key)");
            if (orphans > 0)
            {
                problems.Add(new VerifyProblem(null, string.Create(CultureInfo.InvariantCulture, $"{orphans} rows of table {table} belong to no dataset.")));
            }
        }

        if (openedVersion >= Migrations.Experiments)
        {
            var orphanResults = SqlCommands.Scalar<long>(connection, $"SELECT count(*) FROM {s}.results r WHERE NOT EXISTS (SELECT 1 FROM {s}.experiments e WHERE e.id = r.experiment_id)");
            if (orphanResults > 0)
            {
                problems.Add(new VerifyProblem(null, string.Create(CultureInfo.InvariantCulture, $"{orphanResults} rows of table results belong to no experiment.")));
            }
        }

        var overlaps = SqlCommands.Scalar<long>(connection, $"""
            SELECT count(*) FROM (
                SELECT valid_to > lead(valid_from) OVER (PARTITION BY dataset_key, item_id ORDER BY valid_from) AS overlaps
                FROM {s}.revisions) r
            WHERE r.overlaps
            """);
        if (overlaps > 0)
        {
            problems.Add(new VerifyProblem(null, string.Create(CultureInfo.InvariantCulture, $"{overlaps} revisions overlap the next revision of their item.")));
        }

        var recorded = SchemaMigrator.CurrentVersion(connection, sql);
        if (recorded != openedVersion)
        {
            problems.Add(new VerifyProblem(null, string.Create(CultureInfo.InvariantCulture, $"The schema records version {recorded}, but the store opened at version {openedVersion}.")));
        }

        return problems;
    }
}
