using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>The storage port's result rows: seeks and ranges of the <c>results</c> collection's primary index (see <see cref="ResultDocuments"/>).</summary>
internal sealed partial class LiteDbRows
{
    private readonly ILiteCollection<BsonDocument> _results = db.GetCollection(StoreSchema.Results);

    public IReadOnlyList<RevisionRow> LatestRevisions(int datasetKey, IReadOnlyList<string> itemIds, long version)
    {
        var rows = new List<RevisionRow>(itemIds.Count);
        foreach (var itemId in itemIds)
        {
            if (LatestRevision(datasetKey, itemId, version) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    public IReadOnlyList<RecordedRun> RecordedRuns(string experimentId, IReadOnlyList<ResultKey> keys)
    {
        // One query seeks every id (an index seek per value): a query per id cost more than the batch's writes.
        var ids = new BsonArray(keys.Select(key => new BsonValue(ResultDocuments.RowId(experimentId, key))));
        return LiteDbCalls.Run(() => _results.Query()
            .Where(Expressions.Get("_id IN @0", ids))
            .ToEnumerable()
            .Select(ResultDocuments.Run)
            .ToList());
    }

    public IReadOnlyList<RecordedRun> RecordedRunsBetween(string experimentId, long fromSeq, long toSeq)
    {
        var low = ResultDocuments.RowId(experimentId, new ResultKey(fromSeq, 0));
        var high = ResultDocuments.RowId(experimentId, new ResultKey(toSeq, int.MaxValue));
        return LiteDbCalls.Run(() => _results.Query()
            .Where(Expressions.Get("_id BETWEEN @0 AND @1", low, high))
            .ToEnumerable()
            .Select(ResultDocuments.Run)
            .ToList());
    }

    public IReadOnlyList<ResultRow> Results(string experimentId, ResultKey after, int limit)
    {
        // The first id after a key is that of the next repetition: the numbers in an id have fixed widths.
        var low = ResultDocuments.RowId(experimentId, after with { Repetition = after.Repetition + 1 });
        var (_, high) = ResultDocuments.Range(experimentId);
        return LiteDbCalls.Run(() => _results.Query()
            .Where(Expressions.Get("_id BETWEEN @0 AND @1", low, high))
            .Limit(limit)
            .ToEnumerable()
            .Select(ResultDocuments.From)
            .ToList());
    }

    // One call for the batch: LiteDB's per-call work (its transaction lookup, the collection's snapshot) is paid once.
    public void WriteResults(IReadOnlyList<ResultRow> rows) => LiteDbCalls.Run(() => _results.Upsert(rows.Select(ResultDocuments.ToDocument)));

    /// <summary>Removes an experiment's results (part of deleting the experiment or its dataset).</summary>
    private void DeleteResultsOf(string experimentId)
    {
        var (low, high) = ResultDocuments.Range(experimentId);
        _results.DeleteMany(Expressions.Get("_id BETWEEN @0 AND @1", low, high));
    }
}
