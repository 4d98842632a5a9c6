using System.Globalization;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Engines.LiteDb.Rows;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// Moves everything committed from the journal into the data file, giving the data file a new state id on the
/// way. The journal's header names both the old and the new id while a checkpoint runs, so a crash at any moment
/// leaves a journal that matches the data file it was written for, and a journal from any other state of the
/// file never does. Callers make sure no other call is inside LiteDB.
/// </summary>
internal sealed class Checkpointer(JournalFile journal, Guid stateId)
{
    // The state id a checkpoint that failed half-way was moving to: the data file may already carry it, so a
    // retry must move to the same one (the journal's header then still names both possible states).
    private Guid? _pendingState;

    /// <summary>Gets the id of the data file's state.</summary>
    public Guid StateId { get; private set; } = stateId;

    /// <summary>
    /// Runs the checkpoint. The data file is first grown (with zeros) to the size the journal's pages need, so a
    /// full disk stops the checkpoint before it writes any page, never half-way through one.
    /// </summary>
    public void Run(EngineInstance engine)
    {
        if (!journal.HasPages)
        {
            return;
        }

        // The data file grows by at most one page per journal page. A journal page whose header names a page far
        // beyond is damaged, and moving it would grow the file without bound (with zeros, then LiteDB's page).
        var reachable = (engine.Data.Length / StoreFormat.PageSize) + (journal.PagesLength / StoreFormat.PageSize);
        if (journal.MaxPageId >= reachable)
        {
            throw new StoreDamage(string.Create(CultureInfo.InvariantCulture, $"its journal names page {journal.MaxPageId}, beyond the {reachable} pages the file and the journal can hold"));
        }

        var next = _pendingState ??= Guid.NewGuid();
        journal.SetOwners(StateId, next);
        StoreSchema.WriteStateId(engine.Database, next);
        engine.Data.WriteCheckpoint(() =>
        {
            engine.Data.Reserve(((long)journal.MaxPageId + 1) * StoreFormat.PageSize);
            engine.Database.Checkpoint();
        });
        StateId = next;
        _pendingState = null;
        journal.SetOwners(next, Guid.Empty);
    }
}
