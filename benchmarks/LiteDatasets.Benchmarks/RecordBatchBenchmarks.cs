using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// record a batch of 1,000 results of new runs in one commit (<c>RecordResults</c>), against raw LiteDB upserting the
/// same 1,000 result documents into the same collection (one call) and updating the experiment row's counters in one
/// transaction, on the same file (see <see cref="ResultSample"/>). <see cref="ResultWriteBenchmarks.Durable"/> shows the
/// one sync per batch.
/// </summary>
[MemoryDiagnoser]
public class RecordBatchBenchmarks : ResultWriteBenchmarks
{
    private const int Batch = 1000;

    [Benchmark(Baseline = true, Description = "raw LiteDB 1,000 upserts + counter update")]
    public void RawUpserts() => Sample.RawCommit(Enumerable.Range(TakeRawRuns(Batch), Batch).Select(Sample.RawDocument).ToList());

    [Benchmark(Description = "RecordResults (1,000)")]
    public Experiment RecordResults() => Sample.Store.RecordResults(Sample.ExperimentId, Sample.Drafts(TakeRuns(Batch), Batch));
}
