namespace LiteDatasets.Storage;

/// <summary>
/// One entry of the store's key-value cache. <see cref="Id"/> is derived from the scope and the key by the rules
/// (see <see cref="Services.StoreCache"/>), so an engine looks entries up by one short primary key whatever the
/// length of the key; scope and key are kept to check a match. Times are UTC milliseconds since the Unix epoch.
/// </summary>
/// <param name="Id">The row's key.</param>
/// <param name="Scope">The scope the entry belongs to ("" for the store-wide scope).</param>
/// <param name="Key">The caller's key.</param>
/// <param name="Value">The cached bytes.</param>
/// <param name="ExpiresAt">When the entry expires (the earlier of its absolute expiry and its sliding window), or null for never.</param>
/// <param name="AbsoluteExpiry">The entry's absolute expiry, or null for none.</param>
/// <param name="Sliding">The sliding window in milliseconds, or null for none.</param>
/// <param name="WrittenAt">When the entry was last set.</param>
internal sealed record CacheRow(string Id, string Scope, string Key, byte[] Value, long? ExpiresAt, long? AbsoluteExpiry, long? Sliding, long WrittenAt);
