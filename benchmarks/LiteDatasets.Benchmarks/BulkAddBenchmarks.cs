using BenchmarkDotNet.Attributes;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// add N items as one version, against raw LiteDB bulk-inserting the same documents (already
/// built) into a file with the same indexes in one transaction. Each iteration starts from a new file.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)] // each invocation needs a new, empty file
public class BulkAddBenchmarks
{
    private BenchmarkFiles _files = null!;
    private List<ItemDraft> _drafts = null!;
    private List<(Json.ItemContent Content, string? ExternalId)> _encoded = null!;
    private List<BsonDocument> _documents = null!;
    private DatasetStore? _store;
    private RawLiteDb? _raw;
    private string _datasetId = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchmarkFiles();
        _drafts = EvalItems.Drafts(0, Size);
        _encoded = RawLiteDb.Encode(_drafts);
    }

    [IterationSetup(Target = nameof(RawBulkInsert))]
    public void NewRawFile()
    {
        _raw = new RawLiteDb(_files.NewFile("raw"));
        _documents = _encoded.Select((e, i) => RawLiteDb.Document(e.Content, e.ExternalId, i + 1, 1)).ToList();
    }

    [IterationSetup(Target = nameof(AddItems))]
    public void NewStore()
    {
        _store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("store"), Durable = false });
        _datasetId = _store.CreateDataset(new DatasetDefinition("bench")).Id;
    }

    [IterationCleanup]
    public void CloseFiles()
    {
        _raw?.Dispose();
        _store?.Dispose();
        _raw = null;
        _store = null;
    }

    [GlobalCleanup]
    public void Cleanup() => _files.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB bulk insert")]
    public void RawBulkInsert() => _raw!.Commit(_documents);

    [Benchmark(Description = "AddItems (one version)")]
    public void AddItems() => _store!.AddItems(_datasetId, _drafts);
}
