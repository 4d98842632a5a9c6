using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// update one item of a large dataset (target ≤ 2 ms, flat from 10k to 1M items), against raw
/// LiteDB replacing the same document and bumping one row in one transaction on the same file.
/// </summary>
[MemoryDiagnoser]
public class UpdateOneBenchmarks
{
    private SampleStore _sample = null!;
    private Random _random = null!;
    private int _next;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, versions: 1);
        _random = new Random(11);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB update + update")]
    public void RawUpdate()
    {
        var db = _sample.Raw;
        var id = _sample.ItemIds[_random.Next(_sample.ItemIds.Count)];
        db.BeginTrans();
        var doc = _sample.Revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), BsonValue.MinValue }, new BsonArray { _sample.DatasetKey, RevisionDocuments.ItemKey(id), BsonValue.MaxValue }))
            .FirstOrDefault();
        doc["eo"] = "\"raw " + _next++ + "\"";
        _sample.Revisions.Update(doc);
        var dataset = _sample.Raw.GetCollection(StoreSchema.Datasets).FindById(_sample.DatasetId);
        _sample.Raw.GetCollection(StoreSchema.Datasets).Update(dataset);
        db.Commit();
    }

    [Benchmark(Description = "UpdateItem (new version)")]
    public void UpdateItem() =>
        _sample.Store.UpdateItem(_sample.DatasetId, _sample.ItemIds[_random.Next(_sample.ItemIds.Count)], new ItemPatch { ExpectedOutput = JsonValue.Create("store " + _next++) });
}
