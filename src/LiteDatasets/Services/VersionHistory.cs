using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>A dataset's versions: listing them, tags, resolving a tag or a moment to a number, diffs and fingerprints.</summary>
internal sealed class VersionHistory(IStorageEngine engine)
{
    public VersionPage ListVersions(string datasetId, VersionQuery? query)
    {
        Guard.Name(datasetId);
        query ??= new VersionQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var before = query.After is null ? long.MaxValue : PageCursor.DecodeVersionCursor(query.After);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var versions = rows.Versions(dataset.Key, 1, Math.Min(before - 1, dataset.Version), pageSize + 1, newestFirst: true);
            var tags = TagsByVersion(rows, dataset.Key);
            var page = versions.Take(pageSize).Select(v => v.ToVersion(datasetId, TagsOf(tags, v.Number))).ToList();
            var next = versions.Count > pageSize ? PageCursor.EncodeVersionCursor(page[^1].Number) : null;
            return new VersionPage(page, dataset.Version, next);
        });
    }

    public DatasetVersion GetVersion(string datasetId, long version)
    {
        Guard.Name(datasetId);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            DatasetRules.CheckVersion(dataset, version);
            return DatasetRules.LoadVersion(rows, dataset, version).ToVersion(datasetId, TagsOf(TagsByVersion(rows, dataset.Key), version));
        });
    }

    public void TagVersion(string datasetId, long version, string tag)
    {
        Guard.Name(datasetId);
        Guard.NewTag(tag);
        engine.Write(datasetId, rows =>
        {
            var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
            DatasetRules.CheckVersion(dataset, version);
            if (rows.FindTag(dataset.Key, tag) is { } existing)
            {
                return existing.Version == version ? (0, false) : throw Errors.TagExists(datasetId, tag, existing.Version);
            }

            rows.InsertTag(new TagRow(0, dataset.Key, tag, version));
            return (0, true);
        });
    }

    public void MoveTag(string datasetId, string tag, long version)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        engine.Write(datasetId, rows =>
        {
            var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
            DatasetRules.CheckVersion(dataset, version);
            var existing = rows.FindTag(dataset.Key, tag) ?? throw Errors.TagNotFound(datasetId, tag);
            if (existing.Version == version)
            {
                return (0, false);
            }

            rows.UpdateTag(existing with { Version = version });
            return (0, true);
        });
    }

    public void DeleteTag(string datasetId, string tag)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        engine.Write(datasetId, rows =>
        {
            var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
            rows.DeleteTag(rows.FindTag(dataset.Key, tag) ?? throw Errors.TagNotFound(datasetId, tag));
            return (0, true);
        });
    }

    public long ResolveVersion(string datasetId, string tag)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        return engine.Read(rows => DatasetRules.ResolveTag(rows, DatasetRules.Require(rows, datasetId), tag));
    }

    public long ResolveVersion(string datasetId, DateTimeOffset asOf)
    {
        Guard.Name(datasetId);
        return engine.Read(rows => DatasetRules.VersionAt(rows, DatasetRules.Require(rows, datasetId), asOf));
    }

    public DatasetDiff Diff(string datasetId, long fromVersion, long toVersion)
    {
        Guard.Name(datasetId);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            DatasetRules.CheckVersion(dataset, fromVersion);
            DatasetRules.CheckVersion(dataset, toVersion);
            return ComputeDiff(rows, dataset, fromVersion, toVersion);
        });
    }

    public DatasetDiff Diff(string datasetId, string fromTag, string toTag)
    {
        Guard.Name(datasetId);
        Guard.Name(fromTag);
        Guard.Name(toTag);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            return ComputeDiff(rows, dataset, DatasetRules.ResolveTag(rows, dataset, fromTag), DatasetRules.ResolveTag(rows, dataset, toTag));
        });
    }

    public string ComputeFingerprint(string datasetId, long? version)
    {
        Guard.Name(datasetId);
        var sum = System.Numerics.BigInteger.Zero;
        // Hashed from the stored bytes' canonical form, as Verify does; no kept hash is read.
        foreach (var hash in SnapshotReader.Stream(engine, datasetId, version, row => row.Hash))
        {
            sum += Fingerprint.Term(hash);
        }

        return Fingerprint.ToHex(Fingerprint.FromInteger(sum));
    }

    private static DatasetDiff ComputeDiff(IStoreReader rows, DatasetRow dataset, long from, long to)
    {
        var added = new List<ItemChange>();
        var removed = new List<ItemChange>();
        var modified = new List<ItemChange>();
        foreach (var (before, after) in DiffPlanner.ChangedItems(rows, dataset, from, to))
        {
            var beforeItem = before?.ToItem(dataset.Id);
            var afterItem = after?.ToItem(dataset.Id);
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
                var paths = JsonDiff.ItemPaths(
                    (beforeItem!.Input, beforeItem.ExpectedOutput, beforeItem.Metadata), (afterItem!.Input, afterItem.ExpectedOutput, afterItem.Metadata));
                modified.Add(new ItemChange(before.ItemId, beforeItem, afterItem, paths));
            }
        }

        return new DatasetDiff(dataset.Id, from, to, added, removed, modified);
    }

    private static Dictionary<long, List<string>> TagsByVersion(IStoreReader rows, int datasetKey)
    {
        var result = new Dictionary<long, List<string>>();
        foreach (var tag in rows.Tags(datasetKey))
        {
            if (!result.TryGetValue(tag.Version, out var names))
            {
                result[tag.Version] = names = [];
            }

            names.Add(tag.Name);
        }

        foreach (var names in result.Values)
        {
            names.Sort(StringComparer.Ordinal);
        }

        return result;
    }

    private static List<string> TagsOf(Dictionary<long, List<string>> tags, long version) =>
        tags.TryGetValue(version, out var names) ? names : [];
}
