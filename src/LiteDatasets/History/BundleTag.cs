namespace LiteDatasets.History;

/// <summary>A tag of the dataset and the version it names.</summary>
internal sealed record BundleTag(long Line, string Name, long Version) : BundleEntry(Line);
