namespace LiteDatasets;

/// <summary>How <see cref="IDatasetStore.CompareExperiments"/> judges two experiments.</summary>
public sealed record CompareOptions
{
    /// <summary>
    /// Gets the options of some scores, by name (case-sensitive); a score not named here is higher-is-better with a
    /// <see cref="ScoreCompareOptions.MinDelta"/> and <see cref="ScoreCompareOptions.Tolerance"/> of 0.
    /// <see langword="null"/> for none.
    /// </summary>
    public IReadOnlyDictionary<string, ScoreCompareOptions>? Scores { get; init; }

    /// <summary>
    /// Gets whether the items whose content changed between the two pins count in the scores' figures. They are
    /// still listed as <see cref="ItemComparisonStatus.ContentChanged"/> either way. <see langword="false"/> by
    /// default: a changed item measures the change of the data as much as that of the system.
    /// </summary>
    public bool IncludeContentChanged { get; init; }
}
