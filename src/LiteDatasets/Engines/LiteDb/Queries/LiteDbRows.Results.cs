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

    public IReadOnlyList<RecordedRun> RecordedRuns(string experimentId, IReadOnlyList<ResultKey> keys) => LiteDbCalls.Run(() =>
    {
        var runs = new List<RecordedRun>();
        foreach (var key in keys)
        {
            if (Expressions.FindById(_results, ResultDocuments.RowId(experimentId, key)) is { } doc)
            {
                runs.Add(ResultDocuments.Run(doc));
            }
        }

        return runs;
    });

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

    public void WriteResults(IReadOnlyList<ResultRow> rows) => LiteDbCalls.Run(() =>
    {
        foreach (var row in rows)
        {
            _results.Upsert(ResultDocuments.ToDocument(row));
        }
    });

    /// <summary>Removes an experiment's results (part of deleting the experiment or its dataset).</summary>
    private void DeleteResultsOf(string experimentId)
    {
        var (low, high) = ResultDocuments.Range(experimentId);
        _results.DeleteMany(Expressions.Get("_id BETWEEN @0 AND @1", low, high));
    }
}
