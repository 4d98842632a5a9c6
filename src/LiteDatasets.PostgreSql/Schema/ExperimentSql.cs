namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// The statements of a store's experiments (see <see cref="StoreSql"/>), each on one index: <c>experiments_pkey</c>
/// (id), <c>experiments_sequence</c> (dataset_key, sequence) or <c>experiments_name</c> (dataset_key, name_key).
/// </summary>
internal sealed class ExperimentSql
{
    /// <summary>The experiment columns in the order <see cref="PostgresRows"/> reads and writes them.</summary>
    private const string Columns =
        "id, dataset_key, sequence, name, dataset_version, pin, resolved_from, dataset_fingerprint, filter, repetitions, task_version, scorers, " +
        "description, metadata, status, expected_runs, recorded, succeeded, failed, carried, created_at, completed_at, name_key, policy, carried_from";

    /// <summary>The columns read from a schema from before <see cref="Migrations.CarryForward"/>, which only a read-only open reads.</summary>
    private const string OlderColumns =
        "id, dataset_key, sequence, name, dataset_version, pin, resolved_from, dataset_fingerprint, filter, repetitions, task_version, scorers, " +
        "description, metadata, status, expected_runs, recorded, succeeded, failed, carried, created_at, completed_at, name_key, NULL::bytea, NULL::text";

    /// <summary>
    /// Builds the statements for the schema <paramref name="quotedSchema"/> (quoted as an identifier); the reads of
    /// <paramref name="older"/> statements find no policy and no carried-from column, and read them as null.
    /// </summary>
    public ExperimentSql(string quotedSchema, bool older = false)
    {
        var experiments = $"SELECT {(older ? OlderColumns : Columns)} FROM {quotedSchema}.experiments";
        Find = experiments + " WHERE id = $1";
        FindForUpdate = experiments + " WHERE id = $1 FOR UPDATE";
        FindBySequence = experiments + " WHERE dataset_key = $1 AND sequence = $2";
        FindByNameKey = experiments + " WHERE dataset_key = $1 AND name_key = $2";
        List = experiments + " WHERE dataset_key = $1 AND sequence < $2 ORDER BY sequence DESC LIMIT $3";
        Count = $"SELECT count(*) FROM {quotedSchema}.experiments WHERE dataset_key = $1";
        NextSequence = $"""
            INSERT INTO {quotedSchema}.experiment_sequences AS c (dataset_key, last_sequence) VALUES ($1, 1)
            ON CONFLICT (dataset_key) DO UPDATE SET last_sequence = c.last_sequence + 1
            RETURNING last_sequence
            """;
        // A store opened on an older schema (only with a plan of its own, in tests of upgrades) writes without the newer columns.
        var carry = older ? "" : ", $24, $25";
        Insert = $"INSERT INTO {quotedSchema}.experiments ({(older ? Columns[..Columns.IndexOf(", policy", StringComparison.Ordinal)] : Columns)}) " +
            $"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23{carry})";
        Update = $"""
            UPDATE {quotedSchema}.experiments SET dataset_key = $2, sequence = $3, name = $4, dataset_version = $5, pin = $6, resolved_from = $7,
                dataset_fingerprint = $8, filter = $9, repetitions = $10, task_version = $11, scorers = $12, description = $13, metadata = $14,
                status = $15, expected_runs = $16, recorded = $17, succeeded = $18, failed = $19, carried = $20, created_at = $21,
                completed_at = $22, name_key = $23{(older ? "" : ", policy = $24, carried_from = $25")}
            WHERE id = $1
            """;
        Delete = $"DELETE FROM {quotedSchema}.experiments WHERE id = $1";
    }

    public string Find { get; }

    public string FindForUpdate { get; }

    public string FindBySequence { get; }

    public string FindByNameKey { get; }

    /// <summary>Gets the query of a page of a dataset's experiments, highest sequence number first.</summary>
    public string List { get; }

    public string Count { get; }

    /// <summary>Gets the statement that creates or advances a dataset's counter and returns the new number (holding the counter's row lock).</summary>
    public string NextSequence { get; }

    public string Insert { get; }

    public string Update { get; }

    public string Delete { get; }
}
