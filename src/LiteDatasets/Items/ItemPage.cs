namespace LiteDatasets;

/// <summary>One page of items at one version.</summary>
/// <param name="Items">The items, in the order they were first added.</param>
/// <param name="Total">The number of items matching the query at <paramref name="Version"/>.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the page holding the last item.</param>
/// <param name="Version">The version actually read.</param>
public sealed record ItemPage(IReadOnlyList<DatasetItem> Items, long Total, string? NextCursor, long Version);
