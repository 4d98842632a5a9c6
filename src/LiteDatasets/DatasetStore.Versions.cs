using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>Lists a dataset's commits (versions 1..current), newest first, a page at a time.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="query">Page size and cursor; <see langword="null"/> for the newest 50.</param>
    /// <returns>One page of versions with their counts, messages, tags and fingerprints.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    public VersionPage ListVersions(string datasetId, VersionQuery? query = null)
    {
        Guard.Name(datasetId);
        query ??= new VersionQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        var before = query.After is null ? long.MaxValue : PageCursor.DecodeVersionCursor(query.After);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            var upper = Math.Min(before - 1, record.Version);
            var rows = VersionRows.Query()
                .Where(Expressions.Get("_id BETWEEN @0 AND @1", VersionRecord.RowId(record.Key, 1), VersionRecord.RowId(record.Key, upper)))
                .OrderByDescending(Expressions.Get("_id"))
                .Limit(pageSize + 1)
                .ToList()
                .Select(VersionRecord.From)
                .ToList();
            var tags = TagsByVersion(record.Key);
            var page = rows.Take(pageSize).Select(v => v.ToVersion(datasetId, TagsOf(tags, v.Number))).ToList();
            var next = rows.Count > pageSize ? PageCursor.EncodeVersionCursor(page[^1].Number) : null;
            return new VersionPage(page, record.Version, next);
        });
    }

    /// <summary>Gets one version of a dataset; version 0 is the empty dataset at creation.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <returns>The version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public DatasetVersion GetVersion(string datasetId, long version)
    {
        Guard.Name(datasetId);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            CheckVersion(record, version);
            return LoadVersion(record, version).ToVersion(datasetId, TagsOf(TagsByVersion(record.Key), version));
        });
    }

    /// <summary>Gives a version a tag. Tagging a version with the tag it already has does nothing.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <param name="tag">The tag: 1–256 characters, no control characters, case-sensitive.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagExists"/> if the tag names another version (use <see cref="MoveTag"/>).</exception>
    public void TagVersion(string datasetId, long version, string tag)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        Write(datasetId, () =>
        {
            var record = RequireDatasetForUpdate(datasetId);
            CheckVersion(record, version);
            if (FindTag(record.Key, tag) is { } existing)
            {
                var named = existing["n"].AsInt64;
                return named == version ? (0, false) : throw Errors.TagExists(datasetId, tag, named);
            }

            TagRows.Insert(new BsonDocument { ["d"] = record.Key, ["name"] = tag, ["n"] = version });
            return (0, true);
        });
    }

    /// <summary>Points an existing tag at another version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag to move.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public void MoveTag(string datasetId, string tag, long version)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        Write(datasetId, () =>
        {
            var record = RequireDatasetForUpdate(datasetId);
            CheckVersion(record, version);
            var existing = FindTag(record.Key, tag) ?? throw Errors.TagNotFound(datasetId, tag);
            if (existing["n"].AsInt64 == version)
            {
                return (0, false);
            }

            existing["n"] = version;
            TagRows.Update(existing);
            return (0, true);
        });
    }

    /// <summary>Removes a tag; the version it named is unaffected.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag to remove.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/>.</exception>
    public void DeleteTag(string datasetId, string tag)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        Write(datasetId, () =>
        {
            var record = RequireDatasetForUpdate(datasetId);
            var existing = FindTag(record.Key, tag) ?? throw Errors.TagNotFound(datasetId, tag);
            TagRows.Delete(existing["_id"]);
            return (0, true);
        });
    }

    /// <summary>Returns the version a tag names.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>The version number.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    public long ResolveVersion(string datasetId, string tag)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        return Read(() => ResolveTag(RequireDataset(datasetId), tag));
    }

    /// <summary>Returns the last version committed at or before a moment (0 between creation and the first commit).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="asOf">The moment.</param>
    /// <returns>The version number.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.VersionNotFound"/> if the dataset did not exist yet.</exception>
    public long ResolveVersion(string datasetId, DateTimeOffset asOf)
    {
        Guard.Name(datasetId);
        var asOfMs = asOf.ToUnixTimeMilliseconds();
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            if (asOfMs < record.CreatedAt)
            {
                throw Errors.NoVersionAt(datasetId, asOf);
            }

            // Commit times never decrease with the version number, so a binary search over numbers finds
            // the last version committed at or before the moment.
            long low = 0, high = record.Version;
            while (low < high)
            {
                var middle = low + ((high - low + 1) / 2);
                if (LoadVersion(record, middle).CreatedAt <= asOfMs)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return low;
        });
    }

    private long ResolveTag(DatasetRecord record, string tag) =>
        FindTag(record.Key, tag)?["n"].AsInt64 ?? throw Errors.TagNotFound(record.Id, tag);

    private BsonDocument? FindTag(int datasetKey, string tag) =>
        TagRows.Query().Where(Expressions.Get(StoreSchema.TagByName + " = @0", new BsonArray { datasetKey, tag })).FirstOrDefault();

    private Dictionary<long, List<string>> TagsByVersion(int datasetKey)
    {
        var result = new Dictionary<long, List<string>>();
        var rows = TagRows.Query()
            .Where(Expressions.Get(StoreSchema.TagByName + " BETWEEN @0 AND @1", new BsonArray { datasetKey, BsonValue.MinValue }, new BsonArray { datasetKey, BsonValue.MaxValue }))
            .ToList();
        foreach (var row in rows)
        {
            var version = row["n"].AsInt64;
            if (!result.TryGetValue(version, out var names))
            {
                result[version] = names = [];
            }

            names.Add(row["name"].AsString);
        }

        foreach (var names in result.Values)
        {
            names.Sort(StringComparer.Ordinal);
        }

        return result;
    }

    private static List<string> TagsOf(Dictionary<long, List<string>> tags, long version) =>
        tags.TryGetValue(version, out var names) ? names : [];

    /// <summary>Loads a version row; version 0 is synthesised from the dataset (it has no commit).</summary>
    private VersionRecord LoadVersion(DatasetRecord record, long version)
    {
        if (version == 0)
        {
            return new VersionRecord(record.Key, 0, record.CreatedAt, null, 0, 0, 0, 0, false, 0, Fingerprint.Empty);
        }

        var row = Expressions.FindById(VersionRows, VersionRecord.RowId(record.Key, version))
            ?? throw Errors.FileCorrupt("(open store)", $"is missing the record of version {version} of dataset '{record.Id}'. Run Verify.");
        return VersionRecord.From(row);
    }

    private long ItemCountAt(DatasetRecord record, long version) =>
        version == record.Version ? record.ItemCount : LoadVersion(record, version).ItemCount;
}
