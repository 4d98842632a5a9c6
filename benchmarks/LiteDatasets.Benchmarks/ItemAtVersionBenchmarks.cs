using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// get one item as it was at an older version, with 1 or 1,000 versions of history (target
/// ≤ 0.1 ms, flat with size), against raw LiteDB fetching the same document by its index key.
/// </summary>
[MemoryDiagnoser]
public class ItemAtVersionBenchmarks
{
    private SampleStore _sample = null!;
    private Random _random = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.HistoryDepths))]
    public int Versions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, Versions);
        _random = new Random(3);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB find by key")]
    public BsonDocument RawFind()
    {
        var id = _sample.ItemIds[_random.Next(_sample.ItemIds.Count)];
        return _sample.Revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), BsonValue.MinValue }, new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), 1L }))
            .FirstOrDefault();
    }

    [Benchmark(Description = "GetItem at version 1")]
    public DatasetItem? GetItem() => _sample.Store.GetItem(_sample.DatasetId, _sample.ItemIds[_random.Next(_sample.ItemIds.Count)], version: 1);
}
