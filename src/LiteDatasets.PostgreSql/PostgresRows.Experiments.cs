using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// The storage port's experiment rows (see <see cref="Schema.ExperimentSql"/>). In a schema from before the
/// experiment tables, which only a read-only open reads, every read finds none.
/// </summary>
internal sealed partial class PostgresRows
{
    /// <summary>Gets the experiment statements that fit the schema's version.</summary>
    private ExperimentSql ExperimentStatements => hasCarryColumns ? sql.Experiments : sql.OlderExperiments;

    public ExperimentRow? FindExperiment(string id) => hasExperimentTables ? Single(ExperimentStatements.Find, ReadExperiment, Text(id)) : null;

    public ExperimentRow? FindExperimentForUpdate(string id) => Single(ExperimentStatements.FindForUpdate, ReadExperiment, Text(id));

    public ExperimentRow? FindExperimentBySequence(int datasetKey, long sequence) =>
        hasExperimentTables ? Single(ExperimentStatements.FindBySequence, ReadExperiment, Int(datasetKey), Long(sequence)) : null;

    public ExperimentRow? FindExperimentByNameKey(int datasetKey, string nameKey) =>
        hasExperimentTables ? Single(ExperimentStatements.FindByNameKey, ReadExperiment, Int(datasetKey), Text(nameKey)) : null;

    public IReadOnlyList<ExperimentRow> Experiments(int datasetKey, long beforeSequence, int limit) =>
        hasExperimentTables ? List(ExperimentStatements.List, ReadExperiment, Int(datasetKey), Long(beforeSequence), Int(limit)) : [];

    public long CountExperiments(int datasetKey)
    {
        if (!hasExperimentTables)
        {
            return 0;
        }

        using var command = Command(ExperimentStatements.Count, Int(datasetKey));
        return (long)command.ExecuteScalar()!;
    }

    public long NextExperimentSequence(int datasetKey)
    {
        // One statement that creates or advances the counter, holding its row's lock to the end of the transaction.
        using var command = Command(ExperimentStatements.NextSequence, Int(datasetKey));
        return (long)command.ExecuteScalar()!;
    }

    public void InsertExperiment(ExperimentRow row) => WriteExperiment(ExperimentStatements.Insert, row);

    public void UpdateExperiment(ExperimentRow row) => WriteExperiment(ExperimentStatements.Update, row);

    public void DeleteExperiment(ExperimentRow row)
    {
        Queue(sql.Results.DeleteOfExperiment, Text(row.Id));
        Queue(ExperimentStatements.Delete, Text(row.Id));
    }

    /// <summary>
    /// Writes an experiment row. A write of another dataset (not serialised with this one) may take the same id, and
    /// a rename may race a creation for a name; the unique indexes decide, and the loser gets the rules' own error.
    /// </summary>
    private void WriteExperiment(string text, ExperimentRow row) =>
        _queue.Add(new QueuedWrite(text, hasCarryColumns ? ExperimentParameters(row) : ExperimentParameters(row)[..^2], ex =>
            ex.SqlState != PostgresErrorCodes.UniqueViolation ? null
            : ex.ConstraintName == "experiments_pkey" ? Errors.ExperimentIdTaken(row.Id, "another write created it meanwhile")
            : ex.ConstraintName == "experiments_name" ? Errors.ExperimentNameTaken(row.Name)
            : null));

    private static NpgsqlParameter[] ExperimentParameters(ExperimentRow row) =>
    [
        Text(row.Id), Int(row.DatasetKey), Long(row.Sequence), Text(row.Name), Long(row.DatasetVersion), Int((int)row.Pin), Text(row.ResolvedFrom),
        Bytes(row.DatasetFingerprint), Bytes(row.Filter), Int(row.Repetitions), Utf8(row.TaskVersion), Bytes(row.Scorers), Utf8(row.Description),
        Bytes(row.Metadata), Int((int)row.Status), Long(row.ExpectedRuns), Long(row.Recorded), Long(row.Succeeded), Long(row.Failed), Long(row.Carried),
        Long(row.CreatedAt), NullableLong(row.CompletedAt), Text(row.NameKey), Bytes(row.Policy), Text(row.CarriedFrom),
    ];

    private static ExperimentRow ReadExperiment(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetString(3), r.GetInt64(4), (PinKind)r.GetInt32(5), NullableText(r, 6),
        r.GetFieldValue<byte[]>(7), NullableBytes(r, 8), r.GetInt32(9), NullableUtf8(r, 10), NullableBytes(r, 11), NullableUtf8(r, 12),
        NullableBytes(r, 13), (ExperimentStatus)r.GetInt32(14), r.GetInt64(15), r.GetInt64(16), r.GetInt64(17), r.GetInt64(18), r.GetInt64(19),
        r.GetInt64(20), r.IsDBNull(21) ? null : r.GetInt64(21), NullableBytes(r, 23), NullableText(r, 24));

    private static NpgsqlParameter NullableLong(long? value) => new() { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint, Value = (object?)value ?? DBNull.Value };
}
