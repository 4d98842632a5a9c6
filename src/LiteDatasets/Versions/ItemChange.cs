namespace LiteDatasets;

/// <summary>How one item differs between two versions.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Before">The item at the earlier side of the diff, or <see langword="null"/> if it was not live there.</param>
/// <param name="After">The item at the later side of the diff, or <see langword="null"/> if it is not live there.</param>
/// <param name="ChangedPaths">The JSON Pointers that differ, such as <c>/input/q</c>, sorted ordinally.</param>
public sealed record ItemChange(string ItemId, DatasetItem? Before, DatasetItem? After, IReadOnlyList<string> ChangedPaths);
