using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// diff two versions that differ in k items (target: proportional to k, not to the dataset size).
/// The baseline reads the k changed documents by key through raw LiteDB.
/// </summary>
[MemoryDiagnoser]
public class DiffBenchmarks
{
    private SampleStore _sample = null!;
    private List<string> _changed = null!;
    private long _before;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [Params(10, 1_000)]
    public int Changed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, versions: 1);
        _before = _sample.Version;
        _changed = _sample.ItemIds.Where((_, i) => i % (Size / Changed) == 0).Take(Changed).ToList();
        _sample.Store.UpsertItems(_sample.DatasetId, _changed.Select(id => new ItemDraft(JsonValue.Create("changed " + id)) { Id = id }).ToList());
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB read k by key")]
    public int RawReadChanged()
    {
        var count = 0;
        foreach (var id in _changed)
        {
            count += _sample.Revisions.Query()
                .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), BsonValue.MinValue }, new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), BsonValue.MaxValue }))
                .ToList().Count;
        }

        return count;
    }

    [Benchmark(Description = "Diff(before, after)")]
    public DatasetDiff Diff() => _sample.Store.Diff(_sample.DatasetId, _before, _before + 1);
}
