namespace LiteDatasets;

/// <summary>One of the two experiments of a comparison: its pin and what its results add up to.</summary>
/// <param name="Experiment">The experiment (its pinned version, fingerprint, repetitions, filter, task and scorer versions).</param>
/// <param name="Summary">
/// What its results add up to, as <see cref="IDatasetStore.Summarize"/> gives it (latency percentiles, tokens, cost and
/// errors), summed from the same reads as the comparison.
/// </param>
public sealed record ComparisonSide(Experiment Experiment, ExperimentSummary Summary)
{
    /// <summary>Gets the share of its recorded results that end with an error, from 0 to 1, or <see langword="null"/> without results.</summary>
    public double? ErrorRate => Summary.Recorded > 0 ? (double)Summary.Failed / Summary.Recorded : null;
}
