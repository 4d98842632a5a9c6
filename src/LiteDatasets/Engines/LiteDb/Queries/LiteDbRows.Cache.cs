using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>The storage port's cache entries: seeks of the <c>cache</c> collection's primary index (see <see cref="CacheDocuments"/>).</summary>
internal sealed partial class LiteDbRows
{
    private readonly ILiteCollection<BsonDocument> _cache = db.GetCollection(StoreSchema.Cache);

    public CacheRow? FindCacheEntry(string id) =>
        LiteDbCalls.Run(() => Expressions.FindById(_cache, id) is { } doc ? CacheDocuments.From(doc) : null);

    public CacheRow? FindCacheEntryForUpdate(string id) =>
        LiteDbCalls.Run(() => _cache.Query().Where(Expressions.Get("_id = @0", id)).ForUpdate().FirstOrDefault() is { } doc ? CacheDocuments.From(doc) : null);

    public void WriteCacheEntry(CacheRow row) =>
        LiteDbCalls.Run(() => _cache.Upsert(CacheDocuments.ToDocument(row)));

    public bool DeleteCacheEntry(string id) =>
        LiteDbCalls.Run(() => _cache.Delete(id));
}
