namespace LiteDatasets;

/// <summary>
/// When an entry of the store's key-value cache expires (see <see cref="IDatasetStore.SetCacheEntry"/>). An entry with
/// none of these never expires; with several, it expires at the earliest.
/// </summary>
public sealed record CacheEntryOptions
{
    /// <summary>Gets the moment the entry expires, however often it is read. Default: none.</summary>
    public DateTimeOffset? AbsoluteExpiration { get; init; }

    /// <summary>Gets how long after it is set the entry expires, however often it is read (positive). Default: none.</summary>
    public TimeSpan? AbsoluteExpirationRelativeToNow { get; init; }

    /// <summary>
    /// Gets how long the entry lives unread (positive): every read or refresh moves its expiry this far past the store's
    /// clock, never past an absolute expiration. Default: none.
    /// </summary>
    public TimeSpan? SlidingExpiration { get; init; }
}
