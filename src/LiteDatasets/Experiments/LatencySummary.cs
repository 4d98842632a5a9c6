namespace LiteDatasets;

/// <summary>
/// The latency of an experiment's runs (see <see cref="ExperimentSummary.Latency"/>). Percentiles are by nearest rank:
/// the p-th percentile of n durations is the ⌈p·n/100⌉-th smallest, always a duration that was recorded.
/// </summary>
/// <param name="Count">How many results give a duration.</param>
/// <param name="P50">The median duration (nearest rank).</param>
/// <param name="P95">The 95th percentile of the durations (nearest rank).</param>
/// <param name="Max">The longest duration.</param>
public sealed record LatencySummary(long Count, TimeSpan P50, TimeSpan P95, TimeSpan Max);
