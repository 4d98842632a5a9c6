namespace LiteDatasets.Benchmarks;

/// <summary>
/// Dataset sizes and history depths the benchmarks run at. Setting LITEDATASETS_BENCH_QUICK=1 keeps only
/// the smallest ones, so that a dry run (in CI) finishes in a few minutes. LITEDATASETS_BENCH_MAX_SIZE=N
/// leaves out the sizes above N items (for instance 100000 to skip the million-item setups), and
/// LITEDATASETS_BENCH_MIN_SIZE=N those below N (for instance 1000000 to run only those); the smallest size
/// stays when the limits leave out every size.
/// </summary>
public static class BenchmarkSizes
{
    private static bool Quick => Environment.GetEnvironmentVariable("LITEDATASETS_BENCH_QUICK") == "1";

    private static int MaxSize => Limit("LITEDATASETS_BENCH_MAX_SIZE", int.MaxValue);

    private static int MinSize => Limit("LITEDATASETS_BENCH_MIN_SIZE", 0);

    /// <summary>Sizes for operations whose cost must stay flat: 10k, 100k and 1M items.</summary>
    public static IEnumerable<int> UpToMillion => Capped(Quick ? [10_000] : [10_000, 100_000, 1_000_000]);

    /// <summary>Sizes for operations that grow with the dataset: 10k and 100k items.</summary>
    public static IEnumerable<int> UpToHundredThousand => Capped(Quick ? [10_000] : [10_000, 100_000]);

    /// <summary>Items of the result-writing samples: 1,000 (runs repeat items) and 100,000 (each run is its item's first; 1,000 only in quick mode).</summary>
    public static IEnumerable<int> ResultRuns => Quick ? [1_000] : [1_000, 100_000];

    /// <summary>History depths: one version, and a thousand versions.</summary>
    public static IEnumerable<int> HistoryDepths => Quick ? [1] : [1, 1_000];

    /// <summary>The history depth of samples that need an old version with later changes on top (1,000; 1 in quick mode).</summary>
    public static int DeepHistory => HistoryDepths.Max();

    /// <summary>Numbers of changed items for diffs: 10 and 1,000 (10 only in quick mode).</summary>
    public static IEnumerable<int> ChangedCounts => Quick ? [10] : [10, 1_000];

    /// <summary>Single writes made before each measured cold read (2,000; 200 in quick mode).</summary>
    public static int ColdWrites => Quick ? 200 : 2_000;

    private static int Limit(string variable, int unset) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), System.Globalization.CultureInfo.InvariantCulture, out var limit) ? limit : unset;

    // When the limits leave out every size, the smallest stays, so that every scenario runs.
    private static List<int> Capped(int[] sizes)
    {
        var kept = sizes.Where(s => s >= MinSize && s <= MaxSize).ToList();
        return kept.Count > 0 ? kept : [sizes[0]];
    }
}
