using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>The point lookups of revisions, each one index seek. Shared by reads and writes.</summary>
internal static class RevisionQueries
{
    /// <summary>Returns the newest revision of an item that began at or before <paramref name="version"/> (live or not).</summary>
    public static RevisionRecord? Latest(ILiteCollection<BsonDocument> revisions, int datasetKey, string itemId, long version)
    {
        var key = RevisionRecord.ItemKey(itemId);
        var doc = revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { datasetKey, key, BsonValue.MinValue }, new BsonArray { datasetKey, key, version }))
            .OrderByDescending(Expressions.Get(StoreSchema.ByItem))
            .Limit(1)
            .FirstOrDefault();
        return doc is null ? null : RevisionRecord.From(doc);
    }

    /// <summary>Returns an item's revision live at <paramref name="version"/>, or null.</summary>
    public static RevisionRecord? LiveAt(ILiteCollection<BsonDocument> revisions, int datasetKey, string itemId, long version) =>
        Latest(revisions, datasetKey, itemId, version) is { } row && row.IsLiveAt(version) ? row : null;

    /// <summary>Returns the item holding an external id at <paramref name="version"/> (at most one; <see cref="RevisionRecord.Open"/> for the live set).</summary>
    public static RevisionRecord? ByExternalId(ILiteCollection<BsonDocument> revisions, int datasetKey, string externalId, long version)
    {
        var key = RevisionRecord.ExternalIdKey(externalId);
        var from = version == RevisionRecord.Open ? RevisionRecord.Open : version + 1;
        return revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByExternalId + " BETWEEN @0 AND @1", new BsonArray { datasetKey, key, from }, new BsonArray { datasetKey, key, BsonValue.MaxValue }))
            .ToList()
            .Select(RevisionRecord.From)
            .FirstOrDefault(r => r.ExternalId == externalId && (version == RevisionRecord.Open ? r.ValidTo == RevisionRecord.Open : r.IsLiveAt(version)));
    }
}
