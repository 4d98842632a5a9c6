namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Finds the item a command line names by its id or its external id. An exact item id wins: an item whose
/// external id happens to equal another item's id is found only by its own id.
/// </summary>
internal static class ItemLookup
{
    /// <summary>Finds an item live at <paramref name="version"/> by id or external id, or returns null.</summary>
    public static DatasetItem? TryFind(IDatasetStore store, Dataset dataset, string idOrExternalId, long version)
    {
        if (store.GetItem(dataset.Id, idOrExternalId, version) is { } byId)
        {
            return byId;
        }

        var items = store.ListItems(dataset.Id, new ItemQuery { Version = version, ExternalId = idOrExternalId, PageSize = 1 }).Items;
        return items.Count > 0 ? items[0] : null;
    }

    /// <summary>Finds an item live at <paramref name="version"/> by id or external id.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/>, naming the argument.</exception>
    public static DatasetItem Find(IDatasetStore store, Dataset dataset, string idOrExternalId, long version) =>
        TryFind(store, dataset, idOrExternalId, version) ?? throw new LiteDatasetsException(
            ErrorCode.ItemNotFound,
            $"Dataset '{dataset.Name}' has no item with the id or external id '{idOrExternalId}' at version {version}. Run 'litedatasets items' to find it, or 'litedatasets history' for a deleted one.");

    /// <summary>
    /// Finds the id of an item whose history to show: any item the dataset ever had, by id (deleted ones
    /// included), else a live item by external id.
    /// </summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/>, naming the argument.</exception>
    public static (string Id, IReadOnlyList<ItemRevision> History) FindHistory(IDatasetStore store, Dataset dataset, string idOrExternalId)
    {
        try
        {
            return (idOrExternalId, store.GetItemHistory(dataset.Id, idOrExternalId));
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.ItemNotFound)
        {
            var live = TryFind(store, dataset, idOrExternalId, dataset.Version) ?? throw new LiteDatasetsException(
                ErrorCode.ItemNotFound,
                $"Dataset '{dataset.Name}' has never had an item with the id '{idOrExternalId}', and no current item has that external id. A deleted item's history is found by its id (see 'litedatasets diff').");
            return (live.Id, store.GetItemHistory(dataset.Id, live.Id));
        }
    }
}
