using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// record one result (a small output and two scores) of a new run as its own commit (target ≤ 1.5× raw), against raw
/// LiteDB upserting the same result document into the same collection and updating the experiment row's counters in
/// one transaction, on the same file. <see cref="ResultWriteBenchmarks.Durable"/> shows what syncing each commit costs;
/// the raw baseline writes through the store's journal and syncs it after its commit, as a store call does.
/// </summary>
[MemoryDiagnoser]
public class RecordResultBenchmarks : ResultWriteBenchmarks
{
    [Benchmark(Baseline = true, Description = "raw LiteDB upsert + counter update")]
    public void RawUpsert() => Sample.RawCommit([Sample.RawDocument(TakeRawRuns(1))]);

    [Benchmark(Description = "RecordResult")]
    public ExperimentResult RecordResult() => Sample.Store.RecordResult(Sample.ExperimentId, Sample.Draft(TakeRuns(1)));
}
