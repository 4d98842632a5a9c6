using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>A position in first-added order: after revision (<see cref="Seq"/>, <see cref="From"/>).</summary>
/// <param name="Seq">The item sequence number last passed.</param>
/// <param name="From">The validFrom of the last revision passed, or <see cref="long.MaxValue"/> when the whole item was passed.</param>
internal readonly record struct ScanPosition(long Seq, long From)
{
    /// <summary>The position before the first item.</summary>
    public static readonly ScanPosition Start = new(0, long.MaxValue);

    /// <summary>The position after every revision of item <paramref name="seq"/>.</summary>
    public static ScanPosition After(long seq) => new(seq, long.MaxValue);
}

/// <summary>
/// Reads the items live at one version of one dataset, in first-added order, in keyset chunks. Every chunk
/// is one short, materialised query, so no LiteDB cursor outlives a call and a caller may pause between
/// chunks. Nothing here takes a lock: revisions are immutable except for the one transition of validTo from
/// open to closed, and the queries are arranged so that a commit running meanwhile cannot hide a row. Only
/// deleting the dataset removes rows: every chunk checks afterwards that the dataset is still there (and is
/// still the same dataset), so a read either delivers the whole version or fails.
/// </summary>
/// <param name="database">The database of the running call (each chunk may run in another call).</param>
/// <param name="dataset">The dataset as the read found it.</param>
/// <param name="version">The version read.</param>
/// <param name="isCurrent">Whether the version was the current one when the read began.</param>
/// <param name="lastSeq">The highest sequence number at the version.</param>
internal sealed class SnapshotReader(Func<LiteDatabase> database, DatasetRecord dataset, long version, bool isCurrent, long lastSeq)
{
    private readonly int datasetKey = dataset.Key;

    // Whether the live index still answers for the version: it stops once a commit has closed rows the
    // version holds (the walk over all revisions then gives the same rows without re-reading the closed ones
    // at every chunk).
    private bool _current = isCurrent;

    /// <summary>Returns the live revisions after <paramref name="position"/>, at most about <paramref name="limit"/>, and where to continue (null when done).</summary>
    public (List<RevisionRecord> Rows, ScanPosition? Next) ReadChunk(ScanPosition position, int limit)
    {
        // Past the last item, or past every revision of it: nothing is left. (A position inside the last
        // item's revisions still has rows to read.)
        if (position.Seq > lastSeq || (position.Seq == lastSeq && position.From == long.MaxValue))
        {
            return ([], null);
        }

        var db = database();
        var revisions = db.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);
        var chunk = _current ? ReadCurrent(revisions, position, limit) : ReadHistoric(revisions, position, limit);
        if (Expressions.FindById(db.GetCollection(StoreSchema.Datasets), dataset.Id) is not { } row || row["k"].AsInt32 != datasetKey)
        {
            throw Errors.DatasetNotFound(dataset.Id);
        }

        return chunk;
    }

    /// <summary>
    /// The version was current when the read began. Live rows (validTo open) come from the live index. A
    /// commit since then may have closed some of them: those rows now have validTo above the version, and a
    /// second seek over validTo in (version, open) finds them. That seek runs after the first, and validTo
    /// changes at most once, so every row live at the version is in one result or the other.
    /// </summary>
    private (List<RevisionRecord>, ScanPosition?) ReadCurrent(ILiteCollection<BsonDocument> revisions, ScanPosition position, int limit)
    {
        var firstSeq = position.Seq + 1;
        var live = revisions.Query()
            .Where(Expressions.Get(StoreSchema.LiveBySeq + " BETWEEN @0 AND @1", Key(RevisionRecord.Open, firstSeq), Key(RevisionRecord.Open, lastSeq)))
            .Limit(limit)
            .ToList();
        var full = live.Count == limit;
        var chunkEnd = full ? live[^1]["s"].AsInt64 : lastSeq;

        var closedSince = revisions.Query()
            .Where(Expressions.Get(StoreSchema.LiveBySeq + " BETWEEN @0 AND @1", Key(version + 1, BsonValue.MinValue), Key(RevisionRecord.Open - 1, BsonValue.MaxValue)))
            .ToList();

        var rows = new List<RevisionRecord>(live.Count + closedSince.Count);
        var seen = new HashSet<long>();
        foreach (var doc in live.Concat(closedSince))
        {
            var row = RevisionRecord.From(doc);
            if (row.IsLiveAt(version) && row.Seq >= firstSeq && row.Seq <= chunkEnd && seen.Add(row.RowId))
            {
                rows.Add(row);
            }
        }

        if (closedSince.Count > 0)
        {
            rows.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
            _current = false;
        }

        return (rows, full && chunkEnd < lastSeq ? ScanPosition.After(chunkEnd) : null);
    }

    /// <summary>An older version: walk all revisions in first-added order up to the last item that existed then.</summary>
    private (List<RevisionRecord>, ScanPosition?) ReadHistoric(ILiteCollection<BsonDocument> revisions, ScanPosition position, int limit)
    {
        var lower = position.From == long.MaxValue
            ? new BsonArray { datasetKey, position.Seq + 1, BsonValue.MinValue }
            : new BsonArray { datasetKey, position.Seq, position.From + 1 };
        var upper = new BsonArray { datasetKey, lastSeq, BsonValue.MaxValue };
        var docs = revisions.Query()
            .Where(Expressions.Get(StoreSchema.AllBySeq + " BETWEEN @0 AND @1", lower, upper))
            .Limit(limit)
            .ToList();

        var rows = new List<RevisionRecord>(docs.Count);
        RevisionRecord? last = null;
        foreach (var doc in docs)
        {
            last = RevisionRecord.From(doc);
            if (last.IsLiveAt(version))
            {
                rows.Add(last);
            }
        }

        return (rows, docs.Count == limit && last is not null ? new ScanPosition(last.Seq, last.ValidFrom) : null);
    }

    private BsonArray Key(long validTo, BsonValue seq) => [datasetKey, validTo, seq];
}
