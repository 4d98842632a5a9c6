namespace LiteDatasets;

/// <summary>
/// Selects the target version of <see cref="IDatasetStore.GetStaleness"/> (at most one of <see cref="Version"/>,
/// <see cref="Tag"/> and <see cref="AsOf"/>; none for the current version) and the policy to judge changes by.
/// </summary>
public sealed record StalenessOptions
{
    /// <summary>Gets the target version number; <see langword="null"/> by default.</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the target version; <see langword="null"/> by default.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets a moment: the target is the last version committed at or before it; <see langword="null"/> by default.</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Gets the policy; <see langword="null"/> (the default) for the experiment's own (<see cref="Experiment.Policy"/>).</summary>
    public StalenessPolicy? Policy { get; init; }
}
