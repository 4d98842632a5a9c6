namespace LiteDatasets;

/// <summary>The statistics of one score over an experiment's results (see <see cref="ExperimentSummary.Scores"/>).</summary>
/// <param name="Name">The score's name (case-sensitive).</param>
/// <param name="Count">How many results give the score a <see cref="ResultScore.Value"/>.</param>
/// <param name="Mean">The mean of the values, or <see langword="null"/> when there are none.</param>
/// <param name="StandardDeviation">The sample standard deviation of the values (divided by count minus one), or <see langword="null"/> with fewer than two.</param>
/// <param name="Min">The smallest value, or <see langword="null"/> when there are none.</param>
/// <param name="Max">The largest value, or <see langword="null"/> when there are none.</param>
/// <param name="Passed">How many results the score passed (<see cref="ResultScore.Passed"/> true).</param>
/// <param name="Failed">How many results the score failed (<see cref="ResultScore.Passed"/> false).</param>
/// <param name="PassRate">
/// <paramref name="Passed"/> over the verdicts given (<paramref name="Passed"/> plus <paramref name="Failed"/>), from 0 to 1, or
/// <see langword="null"/> when no result has a verdict of this score.
/// </param>
/// <param name="Errors">How many results carry an error of this score's scorer (<see cref="ResultScore.Error"/>).</param>
/// <param name="Usage">The tokens and cost of this score's scorer.</param>
public sealed record ScoreSummary(
    string Name,
    long Count,
    double? Mean,
    double? StandardDeviation,
    double? Min,
    double? Max,
    long Passed,
    long Failed,
    double? PassRate,
    long Errors,
    UsageSummary Usage);
