namespace LiteDatasets.History;

/// <summary>
/// What a checked history brings to a target: the dataset (created when the target lacks it), the versions after
/// <see cref="FromVersion"/> (those the target holds already, with the same fingerprints), and the tags it lacks.
/// </summary>
internal sealed record HistoryPlan(BundleHeader Header, bool Creates, long FromVersion, long ToVersion, IReadOnlyList<(string Name, long Version)> NewTags);
