using LiteDatasets.Json;

namespace LiteDatasets.History;

/// <summary>
/// One item's change in a version. Only an <see cref="BundleChangeKind.Add"/> names the external id (an item
/// keeps the one it was added with); a <see cref="BundleChangeKind.Delete"/> carries no content.
/// </summary>
internal sealed record BundleChange(long Line, BundleChangeKind Kind, string ItemId, string? ExternalId, ItemContent? Content) : BundleEntry(Line);
