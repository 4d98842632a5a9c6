using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// get one item as it was at version 1, read cold: right after 2,000 single writes (target ≤ 0.1 ms an item, flat
/// from 10k to 1M items). Each measured invocation reads 200 random items; before it, the store makes 2,000
/// durable <c>UpdateItem</c> calls of random items, and the raw baseline (a plain LiteDB file with the same
/// documents and indexes) makes 2,000 transactions doing the same physical work: close the item's open revision,
/// insert its next one, bump the dataset row, insert a version row. The reads then meet what the writes left: pages
/// in the journal, a page cache emptied by checkpoints, or pages evicted by the writes' own.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)] // every measured invocation needs the writes before it
public class ItemAtVersionColdBenchmarks
{
    private const int Reads = 200;

    private SampleStore? _sample;
    private BenchmarkFiles? _files;
    private RawLiteDb? _raw;
    private List<BsonValue> _rawKeys = null!;
    private Random _random = null!;
    private long _rawVersion;
    private int _next;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [GlobalSetup(Target = nameof(GetItems))]
    public void SetupStore()
    {
        _sample = new SampleStore(Size, versions: 1, durable: true);
        _random = new Random(3);
    }

    [GlobalSetup(Target = nameof(RawFind))]
    public void SetupRaw()
    {
        _files = new BenchmarkFiles();
        _raw = new RawLiteDb(_files.NewFile("raw"));
        var documents = RawLiteDb.Encode(EvalItems.Drafts(0, Size)).Select((e, i) => RawLiteDb.Document(e.Content, e.ExternalId, i + 1, 1)).ToList();
        _raw.Commit(documents, withVersionRow: true);
        _rawKeys = documents.ConvertAll(d => d["i"]);
        _rawVersion = 1;
        _random = new Random(3);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sample?.Dispose();
        _raw?.Dispose();
        _files?.Dispose();
    }

    [IterationSetup(Target = nameof(GetItems))]
    public void WriteStore()
    {
        var sample = _sample!;
        for (var i = 0; i < BenchmarkSizes.ColdWrites; i++)
        {
            sample.Store.UpdateItem(sample.DatasetId, sample.ItemIds[_random.Next(sample.ItemIds.Count)], new ItemPatch { ExpectedOutput = JsonValue.Create("cold " + _next++) });
        }
    }

    [IterationSetup(Target = nameof(RawFind))]
    public void WriteRaw()
    {
        for (var i = 0; i < BenchmarkSizes.ColdWrites; i++)
        {
            ReviseRaw(_rawKeys[_random.Next(_rawKeys.Count)]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reads, Description = "raw LiteDB find by key, cold")]
    public int RawFind()
    {
        var found = 0;
        var revisions = _raw!.Revisions;
        for (var i = 0; i < Reads; i++)
        {
            var key = _rawKeys[_random.Next(_rawKeys.Count)];
            var doc = revisions.Query()
                .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { 1, key, BsonValue.MinValue }, new BsonArray { 1, key, 1L }))
                .FirstOrDefault();
            found += doc is null ? 0 : 1;
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Reads, Description = "GetItem at version 1, cold")]
    public int GetItems()
    {
        var sample = _sample!;
        var found = 0;
        for (var i = 0; i < Reads; i++)
        {
            found += sample.Store.GetItem(sample.DatasetId, sample.ItemIds[_random.Next(sample.ItemIds.Count)], version: 1) is null ? 0 : 1;
        }

        return found;
    }

    /// <summary>One raw transaction doing what one <c>UpdateItem</c> does to the file.</summary>
    private void ReviseRaw(BsonValue key)
    {
        var raw = _raw!;
        var version = ++_rawVersion;
        raw.Database.BeginTrans();
        var open = raw.Revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { 1, key, BsonValue.MinValue }, new BsonArray { 1, key, BsonValue.MaxValue }))
            .ToList()
            .Find(d => d["t"].AsInt64 == RevisionRow.Open)!;
        var next = new BsonDocument(open.ToDictionary(p => p.Key, p => p.Value));
        open["t"] = version;
        raw.Revisions.Update(open);
        next.Remove("_id");
        next["f"] = version;
        next["eo"] = System.Text.Encoding.UTF8.GetBytes("\"raw " + _next++ + "\"");
        raw.Revisions.Insert(next);
        var dataset = raw.Datasets.FindById("raw");
        dataset["v"] = version;
        raw.Datasets.Update(dataset);
        raw.Versions.Insert(VersionDocuments.ToDocument(new VersionRow(1, version, 0, null, 0, 1, 0, Size, false, Size, LiteDatasets.Fingerprint.Empty, [])));
        if (!raw.Database.Commit())
        {
            throw new InvalidOperationException("A raw write did not commit.");
        }
    }
}
