using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// the staleness of a fully recorded experiment after 100 of its items changed (target: at most 50 ms, and flat from
/// 10k items up). The baseline is the diff of the same two versions, which staleness is built on: the rest is the
/// judging of the changed items against the policy.
/// </summary>
[MemoryDiagnoser]
public class StalenessBenchmarks
{
    private const int Changed = 100;

    private SampleStore _sample = null!;
    private Experiment _experiment = null!;
    private long _after;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, versions: 1);
        _experiment = _sample.Store.CreateExperiment(_sample.DatasetId, new ExperimentDefinition { Name = "recorded" });
        foreach (var chunk in _sample.ItemIds.Chunk(10_000))
        {
            _sample.Store.RecordResults(_experiment.Id, chunk.Select(id => new ResultDraft(id) { Output = JsonValue.Create("answer") }));
        }

        // Half the changed items change their input (rerun), half their expected output (rescore), spread over the dataset.
        var changed = _sample.ItemIds.Where((_, i) => i % (Size / Changed) == 0).Take(Changed).ToList();
        _sample.Store.UpsertItems(_sample.DatasetId, changed.Select((id, i) => i % 2 == 0
            ? new ItemDraft(JsonValue.Create("changed " + id)) { Id = id }
            : new ItemDraft(_sample.Store.GetItem(_sample.DatasetId, id)!.Input.DeepClone()) { Id = id, ExpectedOutput = JsonValue.Create("revised") }).ToList());
        _after = _sample.Store.GetDataset(_sample.DatasetId)!.Version;
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "Diff(pin, current)")]
    public DatasetDiff Diff() => _sample.Store.Diff(_sample.DatasetId, _experiment.DatasetVersion, _after);

    [Benchmark(Description = "GetStaleness (100 changed)")]
    public StalenessReport GetStaleness() => _sample.Store.GetStaleness(_experiment.Id);
}
