using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// record one result (a small output and two scores) of a new run as its own commit (target ≤ 1.5× raw), against raw
/// LiteDB upserting the same result document into the same collection and updating the experiment row's counters in
/// one transaction, on the same file. <see cref="Durable"/> shows what syncing each commit costs; the raw baseline
/// writes through the store's journal, so it is synced too.
/// </summary>
[MemoryDiagnoser]
public class RecordResultBenchmarks
{
    private const int Items = 1000;

    private ResultSample _sample = null!;
    private int _nextRaw;
    private int _next;

    [Params(false, true)]
    public bool Durable { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new ResultSample(Items, Durable);

        // Run 0 of the raw experiment holds the template document.
        _nextRaw = 1;
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB upsert + counter update")]
    public void RawUpsert() => _sample.RawCommit([_sample.RawDocument(_nextRaw++)]);

    [Benchmark(Description = "RecordResult")]
    public ExperimentResult RecordResult() => _sample.Store.RecordResult(_sample.ExperimentId, _sample.Draft(_next++));
}
