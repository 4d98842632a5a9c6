namespace LiteDatasets;

/// <summary>One entry of an item's history (<see cref="IDatasetStore.GetItemHistory"/>).</summary>
/// <param name="Item">The content: what the entry made current, or for a deletion the content the item had when deleted.</param>
/// <param name="ValidFrom">The first version at which this entry holds.</param>
/// <param name="ValidTo">The first version at which it no longer holds, or <see langword="null"/> while it is the item's current state.</param>
/// <param name="IsDelete">Whether this entry records the item's deletion.</param>
public sealed record ItemRevision(DatasetItem Item, long ValidFrom, long? ValidTo, bool IsDelete);
