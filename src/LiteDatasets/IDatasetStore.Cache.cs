namespace LiteDatasets;

// The key-value cache: byte values kept in the store beside the datasets, for response caches of harnesses.
public partial interface IDatasetStore
{
    /// <summary>
    /// Reads an entry of the store's key-value cache. An expired entry is removed and reads as missing; an entry with
    /// a sliding expiration has its expiry moved on (see <see cref="CacheEntryOptions.SlidingExpiration"/>), unless the
    /// store is read-only. Expiry follows the store's clock.
    /// </summary>
    /// <param name="scope">The scope the key belongs to: keys of different scopes never meet. <c>""</c> is the store-wide scope; an experiment's id is a good one for entries that belong to a single run.</param>
    /// <param name="key">The entry's key.</param>
    /// <returns>The entry's value, or <see langword="null"/> when there is no entry or it has expired.</returns>
    byte[]? GetCacheEntry(string scope, string key);

    /// <summary>Stores an entry of the key-value cache, replacing the entry of the same scope and key; one transaction.</summary>
    /// <param name="scope">As for <see cref="GetCacheEntry"/>.</param>
    /// <param name="key">The entry's key.</param>
    /// <param name="value">The bytes to keep.</param>
    /// <param name="options">When the entry expires; <see langword="null"/> for never.</param>
    /// <exception cref="ArgumentOutOfRangeException">An expiration in the past, or a relative or sliding one that is not positive.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ReadOnly"/>.</exception>
    void SetCacheEntry(string scope, string key, byte[] value, CacheEntryOptions? options = null);

    /// <summary>Moves the expiry of an entry with a sliding expiration on, as a read would, without reading its value.</summary>
    /// <param name="scope">As for <see cref="GetCacheEntry"/>.</param>
    /// <param name="key">The entry's key.</param>
    /// <returns>Whether the entry exists (an expired one is removed and does not).</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ReadOnly"/>.</exception>
    bool RefreshCacheEntry(string scope, string key);

    /// <summary>Removes an entry of the key-value cache.</summary>
    /// <param name="scope">As for <see cref="GetCacheEntry"/>.</param>
    /// <param name="key">The entry's key.</param>
    /// <returns>Whether there was an entry (expired or not).</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ReadOnly"/>.</exception>
    bool RemoveCacheEntry(string scope, string key);
}
