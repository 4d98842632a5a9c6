namespace LiteDatasets;

/// <summary>What a score's paired mean did from the baseline to the candidate (see <see cref="ScoreComparison.Verdict"/>).</summary>
public enum ComparisonVerdict
{
    /// <summary>No item has a value of the score on both sides, so there is nothing to judge.</summary>
    NoData = 0,

    /// <summary>The paired mean moved by no more than the tolerance.</summary>
    Unchanged = 1,

    /// <summary>The paired mean moved further than the tolerance in the better direction.</summary>
    Improved = 2,

    /// <summary>The paired mean moved further than the tolerance in the worse direction.</summary>
    Regressed = 3,
}
