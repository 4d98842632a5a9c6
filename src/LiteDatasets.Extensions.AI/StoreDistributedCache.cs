using Microsoft.Extensions.Caching.Distributed;

namespace LiteDatasets.Extensions.AI;

/// <summary>
/// An <see cref="IDistributedCache"/> whose entries live in a LiteDatasets store (see
/// <see cref="IDatasetStore.GetCacheEntry"/>), in the store file or the PostgreSQL schema beside the datasets. Give it to a
/// <c>DistributedCachingChatClient</c>, and a re-run of unchanged items is answered from the store without calling the
/// model; <see cref="EvaluationRunner"/> marks such results (<see cref="ResultDraft.CacheHit"/>).
/// </summary>
/// <remarks>
/// <para>Entries belong to a <see cref="Scope"/>: the store-wide one (<see cref="Global"/>), which later experiments share,
/// or one experiment's (<see cref="ForExperiment"/>), which no other run reads. Several instances on one store and scope
/// share their entries. Expiry follows the store's clock.</para>
/// <para>Thread-safe. The store's calls are synchronous, so the asynchronous members complete on the calling thread.</para>
/// </remarks>
public sealed class StoreDistributedCache : IDistributedCache
{
    /// <summary>The prefix of the scopes <see cref="ForExperiment"/> gives.</summary>
    public const string ExperimentScopePrefix = "experiment/";

    private readonly IDatasetStore _store;

    /// <summary>Creates a cache over <paramref name="store"/> whose entries belong to <paramref name="scope"/>.</summary>
    /// <param name="store">The store that keeps the entries; it must outlive the cache.</param>
    /// <param name="scope">The scope of the entries: <c>""</c> for the store-wide one.</param>
    public StoreDistributedCache(IDatasetStore store, string scope = "")
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(scope);
        _store = store;
        Scope = scope;
    }

    /// <summary>Gets the scope the cache's entries belong to.</summary>
    public string Scope { get; }

    /// <summary>Creates a cache of the store-wide scope, shared by every experiment of the store.</summary>
    /// <param name="store">The store that keeps the entries.</param>
    /// <returns>The cache.</returns>
    public static StoreDistributedCache Global(IDatasetStore store) => new(store, "");

    /// <summary>Creates a cache whose entries belong to one experiment alone.</summary>
    /// <param name="store">The store that keeps the entries.</param>
    /// <param name="experimentId">The experiment's id.</param>
    /// <returns>The cache.</returns>
    public static StoreDistributedCache ForExperiment(IDatasetStore store, string experimentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        return new(store, ExperimentScopePrefix + experimentId);
    }

    /// <inheritdoc/>
    public byte[]? Get(string key)
    {
        var value = _store.GetCacheEntry(Scope, key);
        CacheProbe.Current?.Record(value is not null);
        return value;
    }

    /// <inheritdoc/>
    public Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        return Task.FromResult(Get(key));
    }

    /// <inheritdoc/>
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store.SetCacheEntry(Scope, key, value, new CacheEntryOptions
        {
            AbsoluteExpiration = options.AbsoluteExpiration,
            AbsoluteExpirationRelativeToNow = options.AbsoluteExpirationRelativeToNow,
            SlidingExpiration = options.SlidingExpiration,
        });
    }

    /// <inheritdoc/>
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Set(key, value, options);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Refresh(string key) => _store.RefreshCacheEntry(Scope, key);

    /// <inheritdoc/>
    public Task RefreshAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Refresh(key);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public void Remove(string key) => _store.RemoveCacheEntry(Scope, key);

    /// <inheritdoc/>
    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        token.ThrowIfCancellationRequested();
        Remove(key);
        return Task.CompletedTask;
    }
}
