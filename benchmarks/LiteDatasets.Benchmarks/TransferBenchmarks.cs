using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Issue scope: import and export of GSM8K's train split (7,473 question/answer lines). Import (mapped
/// question → input, answer → expected output, one version) against raw LiteDB bulk-inserting the same
/// documents built from the same file; export (native JSONL) against raw LiteDB reading every document and
/// writing its payloads as JSON lines.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)] // each import needs a new, empty store
public class TransferBenchmarks
{
    private BenchmarkFiles _files = null!;
    private string _source = null!;
    private DatasetStore? _store;
    private RawLiteDb? _raw;
    private string _datasetId = null!;
    private SampleStore _exported = null!;

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchmarkFiles();
        _source = Gsm8kTrain();
        _exported = new SampleStore(0, versions: 0);
        DatasetTransfer.Import(_exported.Store, _exported.DatasetId, _source, new ImportOptions { Mapping = Mapping });
    }

    [IterationSetup(Targets = [nameof(Import), nameof(RawImport)])]
    public void NewFiles()
    {
        _store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("store"), Durable = false });
        _datasetId = _store.CreateDataset(new DatasetDefinition("gsm8k")).Id;
        _raw = new RawLiteDb(_files.NewFile("raw"));
    }

    [IterationCleanup(Targets = [nameof(Import), nameof(RawImport)])]
    public void CloseFiles()
    {
        _store?.Dispose();
        _raw?.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exported.Dispose();
        _files.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw LiteDB: parse lines + bulk insert")]
    public void RawImport()
    {
        var seq = 0L;
        var documents = File.ReadLines(_source)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .Select(record => RawLiteDb.Encode([new ItemDraft(record["question"]!.DeepClone()) { ExpectedOutput = record["answer"]!.DeepClone() }])[0])
            .Select(e => RawLiteDb.Document(e.Content, e.ExternalId, ++seq, 1))
            .ToList();
        _raw!.Commit(documents);
    }

    [Benchmark(Description = "DatasetTransfer.Import (JSONL, mapped)")]
    public ImportReport Import() => DatasetTransfer.Import(_store!, _datasetId, _source, new ImportOptions { Mapping = Mapping });

    [Benchmark(Description = "raw LiteDB: FindAll + write JSON lines")]
    public long RawExport()
    {
        using var output = new MemoryStream();
        foreach (var doc in _exported.Revisions.FindAll())
        {
            output.Write(doc["in"].AsBinary);
            if (doc.TryGetValue("eo", out var expected))
            {
                output.Write(expected.AsBinary);
            }

            output.WriteByte((byte)'\n');
        }

        return output.Length;
    }

    [Benchmark(Description = "DatasetTransfer.Export (JSONL)")]
    public long Export()
    {
        using var output = new MemoryStream();
        DatasetTransfer.Export(_exported.Store, _exported.DatasetId, output, new ExportOptions { Format = TransferFormat.Jsonl });
        return output.Length;
    }

    private static FieldMapping Mapping { get; } = new() { Input = ["question"], ExpectedOutput = "answer" };

    /// <summary>Finds data/gsm8k/train.jsonl in the repository (benchmark processes run from elsewhere).</summary>
    private static string Gsm8kTrain() =>
        Path.Combine(Environment.GetEnvironmentVariable(Program.RepositoryVariable) ?? throw new InvalidOperationException("Run the benchmarks through their Program."), "data", "gsm8k", "train.jsonl");
}
