namespace LiteDatasets;

/// <summary>
/// One score of one item on both sides of a comparison, its repetitions averaged first (see <see cref="ItemComparison.Scores"/>).
/// </summary>
/// <param name="Name">The score's name (case-sensitive).</param>
/// <param name="BaselineMean">The mean of the baseline's values of the score over the item's repetitions, or <see langword="null"/> when none has one.</param>
/// <param name="CandidateMean">The same for the candidate.</param>
/// <param name="Delta">
/// <paramref name="CandidateMean"/> minus <paramref name="BaselineMean"/>, or <see langword="null"/> when either is
/// missing (a positive delta is an improvement only for a higher-is-better score).
/// </param>
/// <param name="BaselinePassed">
/// Whether the item passed the score in the baseline: at least half of the verdicts its repetitions gave pass;
/// <see langword="null"/> when none gave a verdict.
/// </param>
/// <param name="CandidatePassed">The same for the candidate.</param>
public sealed record ItemScoreComparison(
    string Name,
    double? BaselineMean,
    double? CandidateMean,
    double? Delta,
    bool? BaselinePassed,
    bool? CandidatePassed);
