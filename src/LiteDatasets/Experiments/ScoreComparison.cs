namespace LiteDatasets;

/// <summary>
/// One score across the compared items of two experiments (see <see cref="ExperimentComparison.Scores"/>): the items
/// that both sides have, with the content-changed ones only when <see cref="CompareOptions.IncludeContentChanged"/>
/// is set, each item's repetitions averaged first.
/// </summary>
/// <param name="Name">The score's name (case-sensitive).</param>
/// <param name="Direction">Which way it gets better.</param>
/// <param name="Paired">How many compared items have a value of the score on both sides.</param>
/// <param name="BaselineMean">The baseline's mean over the paired items, or <see langword="null"/> when there are none.</param>
/// <param name="CandidateMean">The candidate's mean over the paired items, or <see langword="null"/>.</param>
/// <param name="Delta">The candidate's mean minus the baseline's (the mean of the paired differences), or <see langword="null"/>.</param>
/// <param name="Improved">Paired items whose value moved further than <see cref="ScoreCompareOptions.MinDelta"/> in the better direction.</param>
/// <param name="Regressed">Paired items whose value moved further than the minimum delta in the worse direction.</param>
/// <param name="Unchanged">Paired items whose value moved no further than the minimum delta.</param>
/// <param name="PassedToFailed">Compared items that passed the score in the baseline and fail it in the candidate.</param>
/// <param name="FailedToPassed">Compared items that failed it in the baseline and pass it in the candidate.</param>
/// <param name="BaselineErrors">Results of the compared items whose score carries a scorer error, in the baseline.</param>
/// <param name="CandidateErrors">The same in the candidate.</param>
/// <param name="Interval">
/// The 95 % confidence interval of <paramref name="Delta"/> by the normal approximation on the paired differences
/// (the mean ± 1.96 standard errors, the sample standard deviation over the square root of the count), when at
/// least 30 items are paired; otherwise <see langword="null"/>.
/// </param>
/// <param name="Verdict">
/// <see cref="ComparisonVerdict.Regressed"/> when the delta is worse than <see cref="ScoreCompareOptions.Tolerance"/>
/// in the score's direction, <see cref="ComparisonVerdict.Improved"/> when it is better by more than that,
/// <see cref="ComparisonVerdict.NoData"/> without paired items, otherwise <see cref="ComparisonVerdict.Unchanged"/>.
/// </param>
public sealed record ScoreComparison(
    string Name,
    ScoreDirection Direction,
    long Paired,
    double? BaselineMean,
    double? CandidateMean,
    double? Delta,
    long Improved,
    long Regressed,
    long Unchanged,
    long PassedToFailed,
    long FailedToPassed,
    long BaselineErrors,
    long CandidateErrors,
    DeltaInterval? Interval,
    ComparisonVerdict Verdict);
