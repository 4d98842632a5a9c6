using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// record a batch of 1,000 results of new runs in one commit (<c>RecordResults</c>), against raw LiteDB upserting the
/// same 1,000 result documents into the same collection and updating the experiment row's counters in one
/// transaction, on the same file (see <see cref="ResultSample"/>). <see cref="Durable"/> shows the one sync per batch.
/// </summary>
[MemoryDiagnoser]
public class RecordBatchBenchmarks
{
    private const int Items = 1000;

    private const int Batch = 1000;

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

    [Benchmark(Baseline = true, Description = "raw LiteDB 1,000 upserts + counter update")]
    public void RawUpserts()
    {
        var documents = Enumerable.Range(_nextRaw, Batch).Select(_sample.RawDocument).ToList();
        _nextRaw += Batch;
        _sample.RawCommit(documents);
    }

    [Benchmark(Description = "RecordResults (1,000)")]
    public Experiment RecordResults()
    {
        var drafts = _sample.Drafts(_next, Batch);
        _next += Batch;
        return _sample.Store.RecordResults(_sample.ExperimentId, drafts);
    }
}
