namespace LiteDatasets;

/// <summary>One page of versions, newest first.</summary>
/// <param name="Items">The versions on this page.</param>
/// <param name="Total">The number of commits (versions 1..current).</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record VersionPage(IReadOnlyList<DatasetVersion> Items, long Total, string? NextCursor);
