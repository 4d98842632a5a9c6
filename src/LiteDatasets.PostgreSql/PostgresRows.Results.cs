using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.PostgreSql;

/// <summary>
/// The storage port's result rows (see <see cref="Schema.ResultSql"/>). In a schema from before the experiment
/// tables, which only a read-only open reads, every read finds none.
/// </summary>
internal sealed partial class PostgresRows
{
    public IReadOnlyList<RevisionRow> LatestRevisions(int datasetKey, IReadOnlyList<string> itemIds, long version) =>
        List(sql.LatestRevisions, ReadRevision, Int(datasetKey), new NpgsqlParameter<string[]> { TypedValue = [.. itemIds] }, Long(version));

    public IReadOnlyList<RecordedRun> RecordedRuns(string experimentId, IReadOnlyList<ResultKey> keys)
    {
        if (!hasExperimentTables || keys.Count == 0)
        {
            return [];
        }

        var seqs = new long[keys.Count];
        var repetitions = new int[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            (seqs[i], repetitions[i]) = (keys[i].Seq, keys[i].Repetition);
        }

        return List(
            sql.Results.RecordedRuns,
            ReadRun,
            Text(experimentId),
            new NpgsqlParameter<long[]> { TypedValue = seqs },
            new NpgsqlParameter<int[]> { TypedValue = repetitions });
    }

    public IReadOnlyList<RecordedRun> RecordedRunsBetween(string experimentId, long fromSeq, long toSeq) =>
        hasExperimentTables ? List(sql.Results.RecordedRunsBetween, ReadRun, Text(experimentId), Long(fromSeq), Long(toSeq)) : [];

    public IReadOnlyList<ResultRow> Results(string experimentId, ResultKey after, int limit) =>
        hasExperimentTables ? List(sql.Results.Page, ReadResult, Text(experimentId), Long(after.Seq), Int(after.Repetition), Int(limit)) : [];

    public void WriteResults(IReadOnlyList<ResultRow> rows)
    {
        foreach (var row in rows)
        {
            Queue(
                sql.Results.Write,
                Text(row.ExperimentId), Int(row.DatasetKey), Long(row.Seq), Int(row.Repetition), Text(row.ItemId), Long(row.ItemVersion),
                Bytes(row.ItemHash), Int(row.Attempt), new NpgsqlParameter<bool> { TypedValue = row.Failed }, Bytes(row.Output), Bytes(row.Body),
                Long(row.RecordedAt));
        }
    }

    private static RecordedRun ReadRun(NpgsqlDataReader r) => new(new ResultKey(r.GetInt64(0), r.GetInt32(1)), r.GetInt32(2), r.GetBoolean(3));

    private static ResultRow ReadResult(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt32(1), r.GetInt64(2), r.GetInt32(3), r.GetString(4), r.GetInt64(5), r.GetFieldValue<byte[]>(6),
        r.GetInt32(7), r.GetBoolean(8), NullableBytes(r, 9), r.GetFieldValue<byte[]>(10), r.GetInt64(11));
}
