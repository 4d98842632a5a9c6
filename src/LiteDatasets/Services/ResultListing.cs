using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Pages of an experiment's results, by key after a cursor. Without conditions a page is one range read. With them,
/// results are read a chunk per short read (growing from twice the page size) and filtered here, until the page is
/// full and one more match is seen (so that the last page has no cursor), the results end, or
/// <see cref="MaxScanned"/> results were read — then the cursor is the last key read, and the next call goes on from
/// there. With item ids, only those items' results are read: the items are found at the pinned version, and each
/// one's repetitions are one seek by its sequence number.
/// </summary>
internal sealed class ResultListing(IStorageEngine engine)
{
    /// <summary>The most results one filtered call reads: bounds its time when few results match.</summary>
    public const int MaxScanned = 10_000;

    /// <summary>The most results one short read of a filtered call reads.</summary>
    private const int Chunk = 500;

    public ResultPage ListResults(string experimentId, ResultQuery? query)
    {
        Guard.Name(experimentId);
        query ??= new ResultQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var after = query.After is null ? ResultKey.Start : PageCursor.DecodeResultCursor(query.After);
        var filter = ResultFilter.From(query, nameof(query));
        return filter is null ? Page(experimentId, after, pageSize)
            : filter.ItemIds is null ? FilteredPage(experimentId, after, pageSize, filter)
            : ItemsPage(experimentId, after, pageSize, filter);
    }

    private ResultPage Page(string experimentId, ResultKey after, int pageSize) => engine.Read(rows =>
    {
        var experiment = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
        var found = rows.Results(experimentId, after, pageSize + 1);
        var page = found.Take(pageSize).ToList();
        var next = found.Count > pageSize ? PageCursor.EncodeResultCursor(page[^1].Key) : null;
        return new ResultPage(page.ConvertAll(r => r.ToResult()), experiment.Recorded, next);
    });

    private ResultPage FilteredPage(string experimentId, ResultKey after, int pageSize, ResultFilter filter)
    {
        var page = new List<ExperimentResult>(pageSize);
        var (position, scanned) = (after, 0);
        ResultKey? last = null;

        // Small reads first, as when most results match, then larger ones while few do.
        var size = Math.Min(Chunk, 2 * (pageSize + 1));
        while (true)
        {
            var (recorded, chunk) = engine.Read(rows =>
            {
                var experiment = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
                return (experiment.Recorded, rows.Results(experimentId, position, size));
            });
            foreach (var row in chunk)
            {
                if (filter.Matches(row))
                {
                    if (page.Count == pageSize)
                    {
                        return new ResultPage(page, recorded, PageCursor.EncodeResultCursor(last!.Value));
                    }

                    page.Add(row.ToResult());
                    last = row.Key;
                }

                position = row.Key;
            }

            scanned += chunk.Count;
            if (chunk.Count < size || scanned >= MaxScanned)
            {
                return new ResultPage(page, recorded, chunk.Count < size ? null : PageCursor.EncodeResultCursor(position));
            }

            size = Math.Min(Chunk, Math.Min(2 * size, MaxScanned - scanned));
        }
    }

    /// <summary>A page of the results of some items: a seek per item after the cursor, in key order, a few items per short read.</summary>
    private ResultPage ItemsPage(string experimentId, ResultKey after, int pageSize, ResultFilter filter)
    {
        var (recorded, seqs, repetitions) = engine.Read(rows =>
        {
            var experiment = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
            var pinned = experiment.DatasetVersion;
            var found = rows.LatestRevisions(experiment.DatasetKey, [.. filter.ItemIds!], pinned).Where(r => r.IsLiveAt(pinned) && r.Seq >= after.Seq);
            return (experiment.Recorded, found.Select(r => r.Seq).Order().ToList(), experiment.Repetitions);
        });
        var page = new List<ExperimentResult>(pageSize);
        var (scanned, position) = (0, after);
        foreach (var batch in seqs.Chunk(Math.Max(1, Chunk / repetitions)))
        {
            var read = engine.Read(rows =>
            {
                _ = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
                return batch.SelectMany(seq => rows.Results(experimentId, seq == after.Seq ? after : new ResultKey(seq, 0).Preceding, repetitions).Where(r => r.Seq == seq)).ToList();
            });
            foreach (var row in read.Where(filter.Matches))
            {
                if (page.Count == pageSize)
                {
                    return new ResultPage(page, recorded, PageCursor.EncodeResultCursor(position));
                }

                page.Add(row.ToResult());
                position = row.Key;
            }

            scanned += read.Count;
            if (scanned >= MaxScanned && batch[^1] != seqs[^1])
            {
                return new ResultPage(page, recorded, PageCursor.EncodeResultCursor(new ResultKey(batch[^1], ExperimentDefinition.MaxRepetitions)));
            }
        }

        return new ResultPage(page, recorded, null);
    }
}
