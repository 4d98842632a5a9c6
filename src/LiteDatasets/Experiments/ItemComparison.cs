namespace LiteDatasets;

/// <summary>One item of a comparison of two experiments (see <see cref="ExperimentComparison.Items"/>).</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Status">What happened to it from the baseline to the candidate.</param>
/// <param name="Flaky">
/// Whether the repetitions of one side disagree: one failed with an error and another did not, or one passed a score
/// that another failed.
/// </param>
/// <param name="BaselineRuns">How many results of the item the baseline has (0 when <see cref="ItemComparisonStatus.OnlyInCandidate"/>).</param>
/// <param name="CandidateRuns">How many results of the item the candidate has.</param>
/// <param name="BaselineFailed">How many of the baseline's results end with an error.</param>
/// <param name="CandidateFailed">How many of the candidate's results end with an error.</param>
/// <param name="Scores">Every score either side gave the item, in ordinal order of the names.</param>
public sealed record ItemComparison(
    string ItemId,
    ItemComparisonStatus Status,
    bool Flaky,
    int BaselineRuns,
    int CandidateRuns,
    int BaselineFailed,
    int CandidateFailed,
    IReadOnlyList<ItemScoreComparison> Scores);
