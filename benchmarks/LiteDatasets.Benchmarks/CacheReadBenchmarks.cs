using BenchmarkDotNet.Attributes;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A cache hit, as <c>DistributedCachingChatClient</c> makes one per answered item: <c>GetCacheEntry</c> of an entry
/// without expiry (one read), and of one with a sliding expiry (a read, then a write that moves the expiry on), against
/// raw LiteDB finding the same document by id in the same collection of the same file.
/// </summary>
[MemoryDiagnoser]
public class CacheReadBenchmarks
{
    private CacheSample _sample = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _sample = new CacheSample();

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB FindById")]
    public byte[] RawFind() => _sample.Raw.FindById(new BsonValue(CacheSample.RowId(Next(0)))!)["v"].AsBinary;

    [Benchmark(Description = "GetCacheEntry, no expiry")]
    public byte[]? Get() => _sample.Store.GetCacheEntry("", CacheSample.Key(Next(0)));

    [Benchmark(Description = "GetCacheEntry, sliding expiry")]
    public byte[]? GetSliding() => _sample.Store.GetCacheEntry("", CacheSample.Key(Next(1)));

    // Even entries never expire, odd ones slide.
    private int Next(int parity)
    {
        _next = (_next + 2) % CacheSample.Entries;
        return _next + parity;
    }
}
