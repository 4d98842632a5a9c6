namespace LiteDatasets;

/// <summary>
/// What an experiment's results add up to (see <see cref="IDatasetStore.Summarize"/>): how many runs were expected,
/// recorded, succeeded, failed and are missing; per score its statistics and verdicts; latency; tokens and cost; and
/// the errors by kind. Every figure is computed from one pass over the results at the experiment's pinned version.
/// </summary>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="Expected">The runs the experiment expects (its <see cref="Experiment.ExpectedRuns"/>).</param>
/// <param name="Recorded">The runs with a result.</param>
/// <param name="Succeeded">The results without an error.</param>
/// <param name="Failed">The results with an error.</param>
/// <param name="Missing">The expected runs without a result: <paramref name="Expected"/> minus <paramref name="Recorded"/>.</param>
/// <param name="Scores">One summary per score name (names are case-sensitive), in ordinal order of the names.</param>
/// <param name="Latency">The latency of the results that give a <see cref="ExperimentResult.Duration"/> (failed ones too), or <see langword="null"/> when none does.</param>
/// <param name="Usage">
/// The tokens and cost of the runs themselves (each score's scorer is counted in its <see cref="ScoreSummary.Usage"/>),
/// spent by this experiment: results served from a response cache (<see cref="ExperimentResult.CacheHit"/>) are counted in
/// <see cref="CachedUsage"/> instead, and results carried from an earlier experiment in <see cref="CarriedUsage"/>.
/// </param>
/// <param name="ErrorsByKind">How many results failed with each <see cref="ResultErrorKind"/>; a kind no result failed with is absent.</param>
public sealed record ExperimentSummary(
    string ExperimentId,
    long Expected,
    long Recorded,
    long Succeeded,
    long Failed,
    long Missing,
    IReadOnlyList<ScoreSummary> Scores,
    LatencySummary? Latency,
    UsageSummary Usage,
    IReadOnlyDictionary<ResultErrorKind, long> ErrorsByKind)
{
    /// <summary>
    /// Gets the tokens and cost that the results served from a response cache report (<see cref="ExperimentResult.CacheHit"/>):
    /// what they cost when first run, not spent again. Default: nothing.
    /// </summary>
    public UsageSummary CachedUsage { get; init; } = new(0, 0, 0, 0, []);

    /// <summary>
    /// Gets the tokens and cost of the results carried from an earlier experiment (see <see cref="ExperimentResult.CarriedFrom"/>):
    /// spent once, for that one, and not again for this one. Empty when nothing was carried.
    /// </summary>
    public UsageSummary CarriedUsage { get; init; } = new(0, 0, 0, 0, []);
}
