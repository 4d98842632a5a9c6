namespace LiteDatasets.PostgreSql.Schema;

/// <summary>
/// The statements of one store, with its schema's name filled in once (so that each statement's text is the
/// same on every call, which lets Npgsql prepare it automatically). Every query names the index it uses.
/// </summary>
internal sealed class StoreSql
{
    private const string DatasetColumns =
        "id, key, name, description, metadata, input_schema, expected_output_schema, version, item_count, last_seq, fingerprint, created_at, updated_at, last_version_at";

    /// <summary>The revision columns in the order <see cref="PostgresRows"/> reads them.</summary>
    public const string RevisionColumns =
        "row_id, dataset_key, item_id, seq, valid_from, valid_to, external_id, input, expected, metadata, created_at, updated_at";

    private const string VersionColumns =
        "dataset_key, number, created_at, message, added, updated, deleted, item_count, schema_changed, last_seq, fingerprint, revived";

    /// <summary>
    /// The tables whose rows belong to a dataset (besides its own row), in the order a deletion of the dataset empties
    /// them: results after experiments, so that a result write that holds an experiment's row lock (and makes the
    /// deletion wait for it there) has committed before its dataset's results are deleted.
    /// </summary>
    public static readonly IReadOnlyList<string> DatasetTables = ["revisions", "versions", "tags", "schemas", "experiments", "experiment_sequences", "results"];

    /// <summary>The tables of <see cref="DatasetTables"/> that migration 2 added (a schema from before it lacks them).</summary>
    public static readonly IReadOnlyList<string> ExperimentTables = ["experiments", "experiment_sequences", "results"];

    public StoreSql(string schema)
    {
        Schema = schema;
        Quoted = Quote(schema);
        var s = Quoted;
        var datasets = $"SELECT {DatasetColumns} FROM {s}.datasets";
        var revisions = $"SELECT {RevisionColumns} FROM {s}.revisions";
        var versions = $"SELECT {VersionColumns} FROM {s}.versions";

        FindDataset = datasets + " WHERE id = $1";
        FindDatasetForUpdate = datasets + " WHERE id = $1 FOR UPDATE";
        FindDatasetByNameKey = datasets + " WHERE name_key = $1";
        FindDatasetByKey = datasets + " WHERE key = $1";
        AllDatasets = datasets;
        NextDatasetKey = $"SELECT nextval('{Literal(s + ".dataset_keys")}')::integer";
        InsertDataset = $"INSERT INTO {s}.datasets ({DatasetColumns}, name_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";
        UpdateDataset = $"""
            UPDATE {s}.datasets SET name = $3, description = $4, metadata = $5, input_schema = $6, expected_output_schema = $7,
                version = $8, item_count = $9, last_seq = $10, fingerprint = $11, created_at = $12, updated_at = $13,
                last_version_at = $14, name_key = $15
            WHERE id = $1 AND key = $2
            """;
        DeleteDataset = [.. DatasetTables.Select(t => $"DELETE FROM {s}.{t} WHERE dataset_key = $1"), $"DELETE FROM {s}.datasets WHERE key = $1"];

        // revisions_item (dataset_key, item_id, valid_from)
        LatestRevision = revisions + " WHERE dataset_key = $1 AND item_id = $2 AND valid_from <= $3 ORDER BY valid_from DESC LIMIT 1";
        ItemRevisions = revisions + " WHERE dataset_key = $1 AND item_id = $2 AND valid_from <= $3 ORDER BY valid_from";
        LatestRevisions = $"SELECT DISTINCT ON (item_id) {RevisionColumns} FROM {s}.revisions WHERE dataset_key = $1 AND item_id = ANY($2) AND valid_from <= $3 ORDER BY item_id, valid_from DESC";

        // revisions_external_id (dataset_key, external_id, valid_to)
        RevisionsByExternalId = revisions + " WHERE dataset_key = $1 AND external_id = $2 AND valid_to >= $3";

        // revisions_valid_to (dataset_key, valid_to, seq)
        LiveRevisions = revisions + " WHERE dataset_key = $1 AND valid_to = $2 AND seq BETWEEN $3 AND $4 ORDER BY seq LIMIT $5";
        RevisionsClosedIn = revisions + " WHERE dataset_key = $1 AND valid_to BETWEEN $2 AND $3";

        // revisions_order (dataset_key, seq, valid_from)
        RevisionsInOrder = revisions + " WHERE dataset_key = $1 AND (seq, valid_from) > ($2, $3) AND seq <= $4 ORDER BY seq, valid_from LIMIT $5";

        InsertRevision = $"INSERT INTO {s}.revisions ({RevisionColumns[8..]}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
        CopyRevisions = $"COPY {s}.revisions ({RevisionColumns[8..]}) FROM STDIN (FORMAT BINARY)";
        CloseRevisions = $"UPDATE {s}.revisions SET valid_to = $1 WHERE row_id = ANY($2)";

        FindVersion = versions + " WHERE dataset_key = $1 AND number = $2";
        VersionsOldestFirst = versions + " WHERE dataset_key = $1 AND number BETWEEN $2 AND $3 ORDER BY number LIMIT $4";
        VersionsNewestFirst = versions + " WHERE dataset_key = $1 AND number BETWEEN $2 AND $3 ORDER BY number DESC LIMIT $4";
        InsertVersion = $"INSERT INTO {s}.versions ({VersionColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

        FindTag = $"SELECT row_id, dataset_key, name, version FROM {s}.tags WHERE dataset_key = $1 AND name = $2";
        Tags = $"SELECT row_id, dataset_key, name, version FROM {s}.tags WHERE dataset_key = $1 ORDER BY name";
        InsertTag = $"INSERT INTO {s}.tags (dataset_key, name, version) VALUES ($1, $2, $3)";
        UpdateTag = $"UPDATE {s}.tags SET version = $2 WHERE row_id = $1";
        DeleteTag = $"DELETE FROM {s}.tags WHERE row_id = $1";

        SchemasAt = $"SELECT dataset_key, version, input_schema, expected_output_schema FROM {s}.schemas WHERE dataset_key = $1 AND version <= $2 ORDER BY version DESC LIMIT 1";
        InsertSchemas = $"INSERT INTO {s}.schemas (dataset_key, version, input_schema, expected_output_schema) VALUES ($1, $2, $3, $4)";

        (Experiments, OlderExperiments, Results, Cache) = (new ExperimentSql(s), new ExperimentSql(s, older: true), new ResultSql(s), new CacheSql(s));
    }

    /// <summary>Gets the schema's name, as given.</summary>
    public string Schema { get; }

    /// <summary>Gets the schema's name quoted as an SQL identifier.</summary>
    public string Quoted { get; }

    public string FindDataset { get; }

    public string FindDatasetForUpdate { get; }

    public string FindDatasetByNameKey { get; }

    public string FindDatasetByKey { get; }

    public string AllDatasets { get; }

    public string NextDatasetKey { get; }

    public string InsertDataset { get; }

    public string UpdateDataset { get; }

    /// <summary>Gets the statements that delete a dataset with all its rows (run as one batch).</summary>
    public IReadOnlyList<string> DeleteDataset { get; }

    public string LatestRevision { get; }

    public string ItemRevisions { get; }

    /// <summary>Gets the query of the newest revision at or before a version of each item of an array of ids.</summary>
    public string LatestRevisions { get; }

    public string RevisionsByExternalId { get; }

    public string LiveRevisions { get; }

    public string RevisionsClosedIn { get; }

    public string RevisionsInOrder { get; }

    public string InsertRevision { get; }

    public string CopyRevisions { get; }

    public string CloseRevisions { get; }

    public string FindVersion { get; }

    public string VersionsOldestFirst { get; }

    public string VersionsNewestFirst { get; }

    public string InsertVersion { get; }

    public string FindTag { get; }

    public string Tags { get; }

    public string InsertTag { get; }

    public string UpdateTag { get; }

    public string DeleteTag { get; }

    public string SchemasAt { get; }

    public string InsertSchemas { get; }

    /// <summary>Gets the statements of experiments.</summary>
    public ExperimentSql Experiments { get; }

    /// <summary>Gets the experiment statements for a schema from before <see cref="Migrations.CarryForward"/> (read-only).</summary>
    public ExperimentSql OlderExperiments { get; }

    /// <summary>Gets the statements of results.</summary>
    public ResultSql Results { get; }

    /// <summary>Gets the statements of the key-value cache.</summary>
    public CacheSql Cache { get; }

    /// <summary>Quotes an identifier (any characters; quotes doubled).</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Escapes text for a string literal.</summary>
    public static string Literal(string text) => text.Replace("'", "''", StringComparison.Ordinal);
}
