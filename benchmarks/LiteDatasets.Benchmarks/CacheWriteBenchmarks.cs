using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Storing a response: <c>SetCacheEntry</c> of a 2 KB value, each its own commit (files not synced), against raw LiteDB
/// upserting the same document into the same collection in a transaction of its own on the same file.
/// </summary>
[MemoryDiagnoser]
public class CacheWriteBenchmarks
{
    private CacheSample _sample = null!;
    private int _next;

    [GlobalSetup]
    public void Setup() => _sample = new CacheSample();

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB upsert, one transaction")]
    public void RawUpsert()
    {
        var i = Next();
        var doc = CacheDocuments.ToDocument(new CacheRow(CacheSample.RowId(i), "", CacheSample.Key(i), _sample.Value, null, null, null, 0));
        _sample.Database.BeginTrans();
        _sample.Raw.Upsert(doc);
        if (!_sample.Database.Commit())
        {
            throw new InvalidOperationException("The raw commit did not commit.");
        }
    }

    [Benchmark(Description = "SetCacheEntry")]
    public void Set() => _sample.Store.SetCacheEntry("", CacheSample.Key(Next()), _sample.Value);

    private int Next() => _next = (_next + 1) % CacheSample.Entries;
}
