namespace LiteDatasets.Benchmarks;

/// <summary>
/// Dataset sizes and history depths the benchmarks run at. Setting LITEDATASETS_BENCH_QUICK=1 keeps only
/// the smallest ones, so that a dry run (in CI) finishes in a few minutes.
/// </summary>
public static class BenchmarkSizes
{
    private static bool Quick => Environment.GetEnvironmentVariable("LITEDATASETS_BENCH_QUICK") == "1";

    /// <summary>Sizes for operations whose cost must stay flat: 10k, 100k and 1M items.</summary>
    public static IEnumerable<int> UpToMillion => Quick ? [10_000] : [10_000, 100_000, 1_000_000];

    /// <summary>Sizes for operations that grow with the dataset: 10k and 100k items.</summary>
    public static IEnumerable<int> UpToHundredThousand => Quick ? [10_000] : [10_000, 100_000];

    /// <summary>History depths: one version, and a thousand versions.</summary>
    public static IEnumerable<int> HistoryDepths => Quick ? [1] : [1, 1_000];
}
