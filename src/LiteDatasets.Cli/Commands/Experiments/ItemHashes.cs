namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// Gets the item hashes the store stamps results with, for items it has not recorded results of yet, so that an
/// import can compare a line's <c>itemHash</c> before it writes anything. The contract offers no item's hash on
/// its own, so the items are recorded once in a scratch store in memory, whose stamps are the same rule's.
/// </summary>
internal static class ItemHashes
{
    /// <summary>Gets the hash of each item, by id.</summary>
    /// <param name="items">Items as read at the experiment's pinned version (ids unique).</param>
    public static Dictionary<string, string> Of(IReadOnlyCollection<DatasetItem> items)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (items.Count == 0)
        {
            return hashes;
        }

        using var scratch = DatasetStore.OpenInMemory();
        var dataset = scratch.CreateDataset(new DatasetDefinition("items"));
        scratch.AddItems(dataset.Id, items.Select(item => new ItemDraft(item.Input)
        {
            Id = item.Id,
            ExternalId = item.ExternalId,
            ExpectedOutput = item.ExpectedOutput,
            Metadata = item.Metadata,
        }));
        var experiment = scratch.CreateExperiment(dataset.Id, new ExperimentDefinition());
        scratch.RecordResults(experiment.Id, items.Select(item => new ResultDraft(item.Id)));
        foreach (var result in scratch.ReadResults(experiment.Id))
        {
            hashes[result.ItemId] = result.ItemHash;
        }

        return hashes;
    }
}
