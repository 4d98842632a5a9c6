namespace LiteDatasets;

/// <summary>A 95 % confidence interval of a score's paired delta (see <see cref="ScoreComparison.Interval"/>).</summary>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
public sealed record DeltaInterval(double Low, double High);
