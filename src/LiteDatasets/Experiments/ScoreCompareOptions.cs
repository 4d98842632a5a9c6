namespace LiteDatasets;

/// <summary>How <see cref="IDatasetStore.CompareExperiments"/> judges one score (see <see cref="CompareOptions.Scores"/>).</summary>
public sealed record ScoreCompareOptions
{
    /// <summary>Gets which way the score gets better; <see cref="ScoreDirection.HigherIsBetter"/> by default.</summary>
    public ScoreDirection Direction { get; init; } = ScoreDirection.HigherIsBetter;

    /// <summary>
    /// Gets how far an item's mean value must move, in the better or the worse direction, to count the item as improved
    /// or regressed on this score; a smaller move leaves it unchanged. 0 by default (any move counts). Not negative.
    /// </summary>
    public double MinDelta { get; init; }

    /// <summary>
    /// Gets how far the paired mean may move in the worse direction before the score's verdict is
    /// <see cref="ComparisonVerdict.Regressed"/> (and as far in the better one before it is
    /// <see cref="ComparisonVerdict.Improved"/>). 0 by default (any move in the worse direction regresses). Not negative.
    /// </summary>
    public double Tolerance { get; init; }
}
