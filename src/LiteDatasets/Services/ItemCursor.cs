namespace LiteDatasets.Services;

/// <summary>The state an item cursor carries: the version it read, where it stopped, and a digest of its filters.</summary>
internal sealed record ItemCursor(long Version, long Seq, string FilterDigest);
