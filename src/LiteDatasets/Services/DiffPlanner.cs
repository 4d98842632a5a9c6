using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Finds the items whose state differs between two versions — what a diff lists and what a restore changes —
/// at a cost that grows with the number of items changed in between, not with the dataset.
/// </summary>
internal static class DiffPlanner
{
    /// <summary>
    /// Returns every item whose state differs between two versions, in first-added order, with its revision
    /// live at each (null where it is not live). Only items touched between the versions are looked at: those
    /// with a revision closed in between (updated or deleted), those first added in between, and those a
    /// restore revived in between.
    /// </summary>
    public static List<(RevisionRow? Before, RevisionRow? After)> ChangedItems(IStoreReader rows, DatasetRow dataset, long from, long to)
    {
        var result = new List<(RevisionRow?, RevisionRow?)>();
        if (from == to)
        {
            return result;
        }

        var low = Math.Min(from, to);
        var high = Math.Max(from, to);
        var key = dataset.Key;
        var lowSeq = DatasetRules.LoadVersion(rows, dataset, low).LastSeq;
        var highSeq = DatasetRules.LoadVersion(rows, dataset, high).LastSeq;

        var candidates = new SortedDictionary<long, string>();
        var closedBetween = rows.RevisionsClosedIn(key, low + 1, high);
        var addedBetween = highSeq <= lowSeq ? [] : rows.RevisionsInOrder(key, RevisionPosition.After(lowSeq), highSeq, int.MaxValue);
        foreach (var row in closedBetween.Concat(addedBetween))
        {
            candidates[row.Seq] = row.ItemId;
        }

        foreach (var itemId in rows.Versions(key, low + 1, high, int.MaxValue, newestFirst: false).SelectMany(v => v.Revived))
        {
            var any = rows.LatestRevision(key, itemId, high) ?? throw new StoreDamage($"it records a revival of item '{itemId}' that has no revision");
            candidates[any.Seq] = itemId;
        }

        foreach (var itemId in candidates.Values)
        {
            var before = LiveAt(rows, key, itemId, from);
            var after = LiveAt(rows, key, itemId, to);
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

    /// <summary>Returns an item's revision live at <paramref name="version"/>, or null.</summary>
    public static RevisionRow? LiveAt(IStoreReader rows, int datasetKey, string itemId, long version) =>
        rows.LatestRevision(datasetKey, itemId, version) is { } row && row.IsLiveAt(version) ? row : null;
}
