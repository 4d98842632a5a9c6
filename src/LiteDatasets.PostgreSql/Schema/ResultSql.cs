namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// The statements of a store's results (see <see cref="StoreSql"/>), each on the primary key <c>results_pkey</c>
/// (experiment_id, seq, repetition): a run's key, and in key order an experiment's results in the order of its snapshot.
/// </summary>
internal sealed class ResultSql
{
    /// <summary>The result columns in the order <see cref="PostgresRows"/> reads and writes them.</summary>
    private const string Columns = "experiment_id, dataset_key, seq, repetition, item_id, item_version, item_hash, attempt, failed, output, body, recorded_at";

    /// <summary>Builds the statements for the schema <paramref name="quotedSchema"/> (quoted as an identifier).</summary>
    public ResultSql(string quotedSchema)
    {
        RecordedRuns = $"""
            SELECT seq, repetition, attempt, failed FROM {quotedSchema}.results
            WHERE experiment_id = $1 AND (seq, repetition) IN (SELECT * FROM unnest($2::bigint[], $3::integer[]))
            """;
        RecordedRunsBetween = $"SELECT seq, repetition, attempt, failed FROM {quotedSchema}.results WHERE experiment_id = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq, repetition";
        Page = $"SELECT {Columns} FROM {quotedSchema}.results WHERE experiment_id = $1 AND (seq, repetition) > ($2, $3) ORDER BY seq, repetition LIMIT $4";
        Write = $"""
            INSERT INTO {quotedSchema}.results ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (experiment_id, seq, repetition) DO UPDATE SET dataset_key = EXCLUDED.dataset_key, item_id = EXCLUDED.item_id,
                item_version = EXCLUDED.item_version, item_hash = EXCLUDED.item_hash, attempt = EXCLUDED.attempt, failed = EXCLUDED.failed,
                output = EXCLUDED.output, body = EXCLUDED.body, recorded_at = EXCLUDED.recorded_at
            """;
        DeleteOfExperiment = $"DELETE FROM {quotedSchema}.results WHERE experiment_id = $1";
    }

    /// <summary>Gets the query of the stored state of the runs whose keys are in two arrays (sequence numbers, repetitions).</summary>
    public string RecordedRuns { get; }

    /// <summary>Gets the query of the stored state of the runs of a range of items (by sequence number), in key order.</summary>
    public string RecordedRunsBetween { get; }

    /// <summary>Gets the query of a page of an experiment's results after a key, in key order.</summary>
    public string Page { get; }

    /// <summary>Gets the statement that stores a result, replacing the stored one of its run.</summary>
    public string Write { get; }

    public string DeleteOfExperiment { get; }
}
