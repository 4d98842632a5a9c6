namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>One line of a results file, read: the item it names (by id, else by external id), its repetition, the item hash it claims, and what to record.</summary>
/// <param name="Number">The line number in the file, from 1.</param>
/// <param name="ItemId">The item's id, or null when the line names it by external id.</param>
/// <param name="ExternalId">The item's external id as the line gives it (used only without <paramref name="ItemId"/>).</param>
/// <param name="Repetition">The repetition, from 0.</param>
/// <param name="ItemHash">The item hash the line was made on, or null when it gives none.</param>
/// <param name="Draft">The run to record; its item id is set once the item is found.</param>
internal sealed record ResultLine(long Number, string? ItemId, string? ExternalId, int Repetition, string? ItemHash, ResultDraft Draft)
{
    /// <summary>Gets whether the line names its item by external id.</summary>
    public bool ByExternalId => ItemId is null;

    /// <summary>Gets how the line names its item: the id, else the external id.</summary>
    public string Key => ItemId ?? ExternalId!;
}
