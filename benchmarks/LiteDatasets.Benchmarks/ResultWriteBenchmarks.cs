using BenchmarkDotNet.Attributes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// What the result-writing benchmarks share: a <see cref="ResultSample"/> opened with <see cref="Durable"/> off and on,
/// of <see cref="Items"/> items, and the next new run of the store's side and of the raw side.
/// </summary>
/// <remarks>
/// The store keeps the stamp of an item once a result of it is recorded, so the two sizes measure two cases: with
/// 1,000 items every measured run is a later repetition of an item recorded before; with 100,000 items every measured
/// run is the first result of its item (a benchmark records far fewer than 100,000 runs).
/// </remarks>
public abstract class ResultWriteBenchmarks
{
    // Run 0 of the raw experiment holds the template document, so the raw side starts at run 1.
    private int _nextRaw = 1;
    private int _next;

    [Params(false, true)]
    public bool Durable { get; set; }

    [ParamsSource(nameof(Sizes))]
    public int Items { get; set; }

    public static IEnumerable<int> Sizes => BenchmarkSizes.ResultRuns;

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
