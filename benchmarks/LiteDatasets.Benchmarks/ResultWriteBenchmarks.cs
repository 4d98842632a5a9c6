using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// What the result-writing benchmarks share: a <see cref="ResultSample"/> of 1,000 items opened with <see cref="Durable"/>
/// off and on, and the next new run of the store's side and of the raw side.
/// </summary>
public abstract class ResultWriteBenchmarks
{
    private const int Items = 1000;

    // Run 0 of the raw experiment holds the template document, so the raw side starts at run 1.
    private int _nextRaw = 1;
    private int _next;

    [Params(false, true)]
    public bool Durable { get; set; }

    protected ResultSample Sample { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => Sample = new ResultSample(Items, Durable);

    [GlobalCleanup]
    public void Cleanup() => Sample.Dispose();

    /// <summary>Returns the first of <paramref name="count"/> new runs of the store's experiment.</summary>
    protected int TakeRuns(int count)
    {
        var first = _next;
        _next += count;
        return first;
    }

    /// <summary>Returns the first of <paramref name="count"/> new runs of the raw experiment.</summary>
    protected int TakeRawRuns(int count)
    {
        var first = _nextRaw;
        _nextRaw += count;
        return first;
    }
}
