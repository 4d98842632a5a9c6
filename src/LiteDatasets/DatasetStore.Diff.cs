using LiteDatasets.Json;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Compares two versions of a dataset (in either order): the items added, removed and modified going from
    /// <paramref name="fromVersion"/> to <paramref name="toVersion"/>, each with both states, and for modified
    /// items the JSON Pointers that changed. The cost grows with the number of items changed between the two
    /// versions, not with the size of the dataset or its history.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="fromVersion">The version to compare from.</param>
    /// <param name="toVersion">The version to compare to.</param>
    /// <returns>The differences, each list in first-added order; empty when the versions hold the same content.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public DatasetDiff Diff(string datasetId, long fromVersion, long toVersion)
    {
        Guard.Name(datasetId);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            CheckVersion(record, fromVersion);
            CheckVersion(record, toVersion);
            return ComputeDiff(record, fromVersion, toVersion);
        });
    }

    /// <summary>Compares the versions two tags name; see <see cref="Diff(string, long, long)"/>.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="fromTag">The tag of the version to compare from.</param>
    /// <param name="toTag">The tag of the version to compare to.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    public DatasetDiff Diff(string datasetId, string fromTag, string toTag)
    {
        Guard.Name(datasetId);
        Guard.Name(fromTag);
        Guard.Name(toTag);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            return ComputeDiff(record, ResolveTag(record, fromTag), ResolveTag(record, toTag));
        });
    }

    private DatasetDiff ComputeDiff(DatasetRecord record, long from, long to)
    {
        var added = new List<ItemChange>();
        var removed = new List<ItemChange>();
        var modified = new List<ItemChange>();
        foreach (var (before, after) in ChangedItems(record, from, to))
        {
            var beforeItem = before?.ToItem(record.Id);
            var afterItem = after?.ToItem(record.Id);
            if (before is null)
            {
                added.Add(new ItemChange(after!.ItemId, null, afterItem, []));
            }
            else if (after is null)
            {
                removed.Add(new ItemChange(before.ItemId, beforeItem, null, []));
            }
            else
            {
                var paths = new List<string>();
                JsonDiff.Compare(beforeItem!.Input, afterItem!.Input, "/input", paths);
                JsonDiff.Compare(beforeItem.ExpectedOutput, afterItem.ExpectedOutput, "/expectedOutput", paths);
                JsonDiff.Compare(beforeItem.Metadata, afterItem.Metadata, "/metadata", paths);
                paths.Sort(StringComparer.Ordinal);
                modified.Add(new ItemChange(before.ItemId, beforeItem, afterItem, paths));
            }
        }

        return new DatasetDiff(record.Id, from, to, added, removed, modified);
    }

    /// <summary>
    /// Finds every item whose state differs between two versions, in first-added order, with its revision
    /// live at each (null where it is not live). Only items touched between the versions are looked at: those
    /// with a revision closed in between (updated or deleted), those first added in between, and those a
    /// restore revived in between.
    /// </summary>
    private List<(RevisionRecord? Before, RevisionRecord? After)> ChangedItems(DatasetRecord record, long from, long to)
    {
        var result = new List<(RevisionRecord?, RevisionRecord?)>();
        if (from == to)
        {
            return result;
        }

        var low = Math.Min(from, to);
        var high = Math.Max(from, to);
        var key = record.Key;
        var lowSeq = LoadVersion(record, low).LastSeq;
        var highSeq = LoadVersion(record, high).LastSeq;

        var candidates = new SortedDictionary<long, string>();
        var closedBetween = RevisionRows.Query()
            .Where(Expressions.Get(StoreSchema.LiveBySeq + " BETWEEN @0 AND @1", new BsonArray { key, low + 1, BsonValue.MinValue }, new BsonArray { key, high, BsonValue.MaxValue }))
            .ToEnumerable();
        var addedBetween = highSeq <= lowSeq ? [] : RevisionRows.Query()
            .Where(Expressions.Get(StoreSchema.AllBySeq + " BETWEEN @0 AND @1", new BsonArray { key, lowSeq + 1, BsonValue.MinValue }, new BsonArray { key, highSeq, BsonValue.MaxValue }))
            .ToEnumerable();
        foreach (var doc in closedBetween.Concat(addedBetween))
        {
            candidates[doc["s"].AsInt64] = RevisionRecord.From(doc).ItemId;
        }

        var revivedIn = VersionRows.Query()
            .Where(Expressions.Get("_id BETWEEN @0 AND @1", VersionRecord.RowId(key, low + 1), VersionRecord.RowId(key, high)))
            .ToEnumerable()
            .Where(doc => doc.ContainsKey(VersionRecord.RevivedField))
            .SelectMany(doc => doc[VersionRecord.RevivedField].AsArray.Select(id => id.AsString))
            .ToList();
        foreach (var itemId in revivedIn)
        {
            var any = RevisionAt(key, itemId, high) ?? throw Errors.FileCorrupt("(open store)", $"records a revival of item '{itemId}' that has no revision. Run Verify.");
            candidates[any.Seq] = itemId;
        }

        foreach (var itemId in candidates.Values)
        {
            var before = LiveAt(key, itemId, from);
            var after = LiveAt(key, itemId, to);
            if (before is null && after is null)
            {
                continue;
            }

            if (before is not null && after is not null && before.Hash.AsSpan().SequenceEqual(after.Hash))
            {
                continue;
            }

            result.Add((before, after));
        }

        return result;
    }

    private RevisionRecord? RevisionAt(int datasetKey, string itemId, long version) => RevisionQueries.Latest(RevisionRows, datasetKey, itemId, version);

    private RevisionRecord? LiveAt(int datasetKey, string itemId, long version) => RevisionQueries.LiveAt(RevisionRows, datasetKey, itemId, version);
}
