namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// Watches, holds or fails the syncs of a journal from outside the store that owns it. What group commit promises
/// (a call returns nothing that is not yet on stable storage) shows only while a sync is held and other calls run,
/// and a store's journal syncs through its own file.
/// </summary>
internal sealed class JournalSyncProbe
{
    /// <summary>
    /// Gets what runs when a call asks for the commits up to a number to be made durable, before it looks whether
    /// they are (on the caller's thread); null for nothing.
    /// </summary>
    public Action<long>? Wanted { get; init; }

    /// <summary>
    /// Gets what runs just before each sync to stable storage, on the thread that syncs: it may block to hold the
    /// sync, or throw to make it fail; null for nothing.
    /// </summary>
    public Action? Syncing { get; init; }
}
