namespace LiteDatasets;

// The key-value cache: it delegates to a service of its own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public byte[]? GetCacheEntry(string scope, string key) => Cache.Get(scope, key);

    /// <inheritdoc/>
    public void SetCacheEntry(string scope, string key, byte[] value, CacheEntryOptions? options = null) => Cache.Set(scope, key, value, options);

    /// <inheritdoc/>
    public bool RefreshCacheEntry(string scope, string key) => Cache.Refresh(scope, key);

    /// <inheritdoc/>
    public bool RemoveCacheEntry(string scope, string key) => Cache.Remove(scope, key);
}
