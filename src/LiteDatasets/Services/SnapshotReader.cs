using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Reads the items live at one version of one dataset, in first-added order, in keyset chunks. Every chunk
/// is one short read, so no engine cursor outlives a call and a caller may pause between chunks. Nothing here
/// takes a lock: revisions are immutable except for the one transition of validTo from open to closed, and the
/// queries are arranged so that a commit running meanwhile cannot hide a row. Only deleting the dataset removes
/// rows: every chunk checks afterwards that the dataset is still there (and is still the same dataset), so a
/// read either delivers the whole version or fails.
/// </summary>
internal sealed class SnapshotReader
{
    /// <summary>Revisions fetched per chunk when streaming or scanning with filters.</summary>
    public const int Chunk = 500;

    private readonly DatasetRow _dataset;
    private readonly long _version;
    private readonly long _lastSeq;

    // Whether the live rows still answer for the version: they stop once a commit has closed rows the version
    // holds (the walk over all revisions then gives the same rows without re-reading the closed ones at every
    // chunk).
    private bool _current;

    private SnapshotReader(DatasetRow dataset, long version, bool isCurrent, long lastSeq)
    {
        _dataset = dataset;
        _version = version;
        _current = isCurrent;
        _lastSeq = lastSeq;
    }

    /// <summary>Starts a read of <paramref name="version"/> of <paramref name="dataset"/>.</summary>
    public static SnapshotReader Open(IStoreReader rows, DatasetRow dataset, long version)
    {
        var isCurrent = version == dataset.Version;
        return new SnapshotReader(dataset, version, isCurrent, isCurrent ? dataset.LastSeq : DatasetRules.LoadVersion(rows, dataset, version).LastSeq);
    }

    /// <summary>
    /// Streams what <paramref name="map"/> makes of the revisions live at a version of a dataset, one short read
    /// per chunk. Each chunk is mapped inside its read, so that a stored row that cannot be read (see
    /// <see cref="StoreDamage"/>) is reported by the engine as damage of the store.
    /// </summary>
    public static IEnumerable<T> Stream<T>(IStorageEngine engine, string datasetId, long? version, Func<RevisionRow, T> map)
    {
        // The dataset and the version are looked up when the enumeration starts, not before.
        var reader = engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var at = version ?? dataset.Version;
            DatasetRules.CheckVersion(dataset, at);
            return Open(rows, dataset, at);
        });

        RevisionPosition? position = RevisionPosition.Start;
        while (position is { } current)
        {
            var (found, next) = engine.Read(rows =>
            {
                var (chunk, after) = reader.ReadChunk(rows, current, Chunk);
                return (chunk.ConvertAll(row => map(row)), after);
            });
            position = next;
            foreach (var item in found)
            {
                yield return item;
            }
        }
    }

    /// <summary>Walks the snapshot chunk by chunk inside one read.</summary>
    public IEnumerable<RevisionRow> Scan(IStoreReader rows, RevisionPosition start, int chunk)
    {
        RevisionPosition? position = start;
        while (position is { } current)
        {
            var (found, next) = ReadChunk(rows, current, chunk);
            position = next;
            foreach (var row in found)
            {
                yield return row;
            }
        }
    }

    /// <summary>Returns the live revisions after <paramref name="position"/>, at most about <paramref name="limit"/>, and where to continue (null when done).</summary>
    public (List<RevisionRow> Rows, RevisionPosition? Next) ReadChunk(IStoreReader rows, RevisionPosition position, int limit)
    {
        // Past the last item, or past every revision of it: nothing is left. (A position inside the last
        // item's revisions still has rows to read.)
        if (position.Seq > _lastSeq || (position.Seq == _lastSeq && position.ValidFrom == long.MaxValue))
        {
            return ([], null);
        }

        var chunk = _current ? ReadCurrent(rows, position, limit) : ReadHistoric(rows, position, limit);
        if (rows.FindDataset(_dataset.Id)?.Key != _dataset.Key)
        {
            throw Errors.DatasetNotFound(_dataset.Id);
        }

        return chunk;
    }

    /// <summary>
    /// The version was current when the read began. Live rows (validTo open) answer first. A commit since then
    /// may have closed some of them: those rows now have validTo above the version, and a second query over
    /// validTo in (version, open) finds them. That query runs after the first, and validTo changes at most once,
    /// so every row live at the version is in one result or the other.
    /// </summary>
    private (List<RevisionRow>, RevisionPosition?) ReadCurrent(IStoreReader rows, RevisionPosition position, int limit)
    {
        var firstSeq = position.Seq + 1;
        var live = rows.LiveRevisions(_dataset.Key, firstSeq, _lastSeq, limit);
        var full = live.Count == limit;
        var chunkEnd = full ? live[^1].Seq : _lastSeq;
        var closedSince = rows.RevisionsClosedIn(_dataset.Key, _version + 1, RevisionRow.Open - 1);

        var result = new List<RevisionRow>(live.Count + closedSince.Count);
        var seen = new HashSet<long>();
        foreach (var row in live.Concat(closedSince))
        {
            if (row.IsLiveAt(_version) && row.Seq >= firstSeq && row.Seq <= chunkEnd && seen.Add(row.RowId))
            {
                result.Add(row);
            }
        }

        if (closedSince.Count > 0)
        {
            result.Sort(static (a, b) => a.Seq.CompareTo(b.Seq));
            _current = false;
        }

        return (result, full && chunkEnd < _lastSeq ? RevisionPosition.After(chunkEnd) : null);
    }

    /// <summary>An older version: walk all revisions in first-added order up to the last item that existed then.</summary>
    private (List<RevisionRow>, RevisionPosition?) ReadHistoric(IStoreReader rows, RevisionPosition position, int limit)
    {
        var found = rows.RevisionsInOrder(_dataset.Key, position, _lastSeq, limit);
        var result = new List<RevisionRow>(found.Count);
        foreach (var row in found)
        {
            if (row.IsLiveAt(_version))
            {
                result.Add(row);
            }
        }

        return (result, found.Count == limit ? new RevisionPosition(found[^1].Seq, found[^1].ValidFrom) : null);
    }
}
