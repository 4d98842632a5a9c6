using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// stream the pending work of a fresh experiment (no results yet, one repetition: every item of the pinned snapshot
/// is pending) — target within 1.5× of <c>ReadItems</c> of the same snapshot, which is therefore the baseline here
/// rather than raw LiteDB; raw LiteDB's <c>FindAll</c> of the same documents is measured beside it.
/// </summary>
[MemoryDiagnoser]
public class PendingWorkBenchmarks
{
    private SampleStore _sample = null!;
    private Experiment _experiment = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new SampleStore(Size, versions: 1);
        _experiment = _sample.Store.CreateExperiment(_sample.DatasetId, new ExperimentDefinition { Name = "fresh" });
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "ReadItems (pinned version)")]
    public int ReadItems()
    {
        var count = 0;
        foreach (var item in _sample.Store.ReadItems(_sample.DatasetId, _experiment.DatasetVersion))
        {
            count += item.Id.Length;
        }

        return count;
    }

    [Benchmark(Description = "raw LiteDB FindAll")]
    public int RawFindAll()
    {
        var count = 0;
        foreach (var doc in _sample.Revisions.FindAll())
        {
            count += doc.Count;
        }

        return count;
    }

    [Benchmark(Description = "GetPendingWork (fresh)")]
    public int GetPendingWork()
    {
        var count = 0;
        foreach (var work in _sample.Store.GetPendingWork(_experiment.Id))
        {
            count += work.Item.Id.Length;
        }

        return count;
    }
}
