using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// add one item as its own version, against raw LiteDB inserting the same document and updating
/// one row in one transaction. <see cref="Durable"/> shows what syncing each commit costs; the cost of one sync by
/// itself (an 8 KB append and <c>fsync</c> on the same file system) is measured beside it, so that a durable add can be
/// compared with raw LiteDB plus one sync.
/// </summary>
[MemoryDiagnoser]
public class SingleAddBenchmarks
{
    private BenchmarkFiles _files = null!;
    private DatasetStore _store = null!;
    private RawLiteDb _raw = null!;
    private string _datasetId = null!;
    private List<(Json.ItemContent Content, string? ExternalId)> _encoded = null!;
    private int _next;
    private FileStream _syncFile = null!;
    private readonly byte[] _page = new byte[8192];

    [Params(false, true)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchmarkFiles();
        _store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("store"), Durable = Durable });
        _datasetId = _store.CreateDataset(new DatasetDefinition("bench")).Id;
        _raw = new RawLiteDb(_files.NewFile("raw"));
        _encoded = RawLiteDb.Encode(EvalItems.Drafts(0, 1000));
        _syncFile = new FileStream(_files.NewFile("sync"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _raw.Dispose();
        _syncFile.Dispose();
        _files.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw LiteDB insert + update")]
    public void RawInsert()
    {
        var (content, externalId) = _encoded[_next % _encoded.Count];
        _raw.Commit([RawLiteDb.Document(content, externalId, ++_next, 1)]);
    }

    /// <summary>
    /// What recording a version costs by itself: the baseline's work plus inserting the same version row
    /// the store writes (another collection, so more pages per commit).
    /// </summary>
    [Benchmark(Description = "raw LiteDB insert + update + version row")]
    public void RawInsertWithVersionRow()
    {
        var (content, externalId) = _encoded[_next % _encoded.Count];
        _raw.Commit([RawLiteDb.Document(content, externalId, ++_next, 1)], withVersionRow: true);
    }

    /// <summary>One sync as a durable commit pays it: a page appended to a file, then <c>fsync</c>.</summary>
    [Benchmark(Description = "append 8 KB + fsync (one sync)")]
    public void OneSync()
    {
        _syncFile.Write(_page);
        _syncFile.Flush(flushToDisk: true);
    }

    [Benchmark(Description = "AddItem")]
    public void AddItem() => _store.AddItem(_datasetId, EvalItems.Draft(_next++));
}
