namespace LiteDatasets;

/// <summary>What happened to one item from the baseline to the candidate (see <see cref="ItemComparison.Status"/>).</summary>
public enum ItemComparisonStatus
{
    /// <summary>No score moved past its minimum delta, no verdict flipped, and the runs failed as much as before.</summary>
    Unchanged = 0,

    /// <summary>Some scores got better and none got worse; no verdict went from failed to passed.</summary>
    Improved = 1,

    /// <summary>Some scores got worse and none got better; no verdict went from passed to failed.</summary>
    Regressed = 2,

    /// <summary>Some things got better and others worse.</summary>
    Mixed = 3,

    /// <summary>Nothing got better, and a verdict went from passed to failed, or every run failed where before some did not.</summary>
    NewlyFailing = 4,

    /// <summary>Nothing got worse, and a verdict went from failed to passed, or some runs succeeded where before every one failed.</summary>
    Fixed = 5,

    /// <summary>Only the baseline has results of the item.</summary>
    OnlyInBaseline = 6,

    /// <summary>Only the candidate has results of the item.</summary>
    OnlyInCandidate = 7,

    /// <summary>Both have results, but the item's content differs between the two pinned versions.</summary>
    ContentChanged = 8,
}
