namespace LiteDatasets;

/// <summary>One page of datasets.</summary>
/// <param name="Items">The datasets on this page, ordered by name (ignoring case).</param>
/// <param name="Total">The number of datasets matching the query.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record DatasetPage(IReadOnlyList<Dataset> Items, long Total, string? NextCursor);
