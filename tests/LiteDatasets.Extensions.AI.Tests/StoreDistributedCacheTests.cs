using System.Text;
using Microsoft.Extensions.Caching.Distributed;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>The cache over a store file, its expiry driven by the store's clock.</summary>
[TestFixture]
public sealed class StoreDistributedCacheTests
{
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("hello");
    private static readonly byte[] World = Encoding.UTF8.GetBytes("world");

    private string _directory = null!;
    private FakeClock _clock = null!;
    private DatasetStore _store = null!;

    [SetUp]
    public void OpenStore()
    {
        _directory = Path.Combine(Path.GetTempPath(), "litedatasets-ai-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _clock = new FakeClock();
        _store = Open();
    }

    [TearDown]
    public void CloseStore()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task SetAsync_ThenGetAsync_ReturnsTheValue()
    {
        var cache = StoreDistributedCache.Global(_store);

        await cache.SetAsync("k", Hello, new DistributedCacheEntryOptions());

        Assert.Multiple(async () =>
        {
            Assert.That(await cache.GetAsync("k"), Is.EqualTo(Hello));
            Assert.That(cache.Get("k"), Is.EqualTo(Hello));
            Assert.That(await cache.GetAsync("missing"), Is.Null);
        });
    }

    [Test]
    public async Task RemoveAsync_RemovesTheEntry()
    {
        var cache = StoreDistributedCache.Global(_store);
        cache.Set("k", Hello, new DistributedCacheEntryOptions());

        await cache.RemoveAsync("k");

        Assert.That(cache.Get("k"), Is.Null);
    }

    [Test]
    public void Get_AfterTheAbsoluteExpiry_IsMissing()
    {
        var cache = StoreDistributedCache.Global(_store);
        cache.Set("relative", Hello, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        cache.Set("fixed", World, new DistributedCacheEntryOptions { AbsoluteExpiration = _clock.GetUtcNow().AddMinutes(10) });

        _clock.Advance(TimeSpan.FromMinutes(5));
        var afterFive = (cache.Get("relative"), cache.Get("fixed"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(afterFive.Item1, Is.Null);
            Assert.That(afterFive.Item2, Is.EqualTo(World));
            Assert.That(cache.Get("fixed"), Is.Null);
        });
    }

    [Test]
    public async Task RefreshAsync_MovesTheSlidingExpiryOn()
    {
        var cache = StoreDistributedCache.Global(_store);
        cache.Set("read", Hello, new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        cache.Set("refreshed", World, new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        cache.Set("left", World, new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });

        _clock.Advance(TimeSpan.FromMinutes(8));
        _ = cache.Get("read");
        await cache.RefreshAsync("refreshed");
        _clock.Advance(TimeSpan.FromMinutes(8));

        Assert.Multiple(() =>
        {
            Assert.That(cache.Get("read"), Is.EqualTo(Hello));
            Assert.That(cache.Get("refreshed"), Is.EqualTo(World));
            Assert.That(cache.Get("left"), Is.Null, "Unread for 16 minutes of a 10-minute window.");
        });
    }

    [Test]
    public void Instances_OnOneStore_ShareTheirScopeAndNoOther()
    {
        var first = StoreDistributedCache.Global(_store);
        var second = new StoreDistributedCache(_store);
        var experiment = StoreDistributedCache.ForExperiment(_store, "exp-1");
        var otherExperiment = StoreDistributedCache.ForExperiment(_store, "exp-2");

        first.Set("k", Hello, new DistributedCacheEntryOptions());
        experiment.Set("k", World, new DistributedCacheEntryOptions());

        Assert.Multiple(() =>
        {
            Assert.That(second.Get("k"), Is.EqualTo(Hello));
            Assert.That(experiment.Get("k"), Is.EqualTo(World));
            Assert.That(otherExperiment.Get("k"), Is.Null);
            Assert.That(experiment.Scope, Is.EqualTo("experiment/exp-1"));
        });
    }

    [Test]
    public void Set_ThenReopenTheStore_KeepsTheEntryInTheFile()
    {
        StoreDistributedCache.Global(_store).Set("k", Hello, new DistributedCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1) });
        _store.Dispose();
        _store = Open();

        Assert.That(StoreDistributedCache.Global(_store).Get("k"), Is.EqualTo(Hello));
    }

    [Test]
    public void GetAsync_Cancelled_Throws()
    {
        var cache = StoreDistributedCache.Global(_store);

        Assert.That(async () => await cache.GetAsync("k", new CancellationToken(canceled: true)), Throws.InstanceOf<OperationCanceledException>());
    }

    private DatasetStore Open() => DatasetStore.Open(new DatasetStoreOptions { Path = Path.Combine(_directory, "cache.litedb"), TimeProvider = _clock });
}
