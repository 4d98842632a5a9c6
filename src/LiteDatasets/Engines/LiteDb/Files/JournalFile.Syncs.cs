namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>Syncs: making commits durable, one sync shared by every commit written before it began.</summary>
internal sealed partial class JournalFile
{
    // The sync running now, if any (guarded by the state lock). Callers whose commit needs a sync wait for it to end
    // without spinning: a lock held through the sync made every waiting writer spin for the cores the writer needs.
    private ManualResetEventSlim? _running;

    /// <summary>
    /// Makes commit number <paramref name="commit"/> (see <see cref="LastCommit"/>) durable, with every commit before
    /// it: returns at once if a sync already covered it, else syncs once for every commit written so far.
    /// </summary>
    public void SyncThrough(long commit)
    {
        Probe?.Wanted?.Invoke(commit);
        while (!IsDurable(commit))
        {
            ManualResetEventSlim? running;
            (long End, int Slot, long Last, int Generation) covers;
            lock (_state)
            {
                if (_syncedCommit >= commit)
                {
                    return;
                }

                running = _running;
                _running ??= new ManualResetEventSlim(false, spinCount: 0);
                covers = (CommittedLength, _records.Last, LastCommit, _records.Generation);
            }

            if (running is null)
            {
                SyncRound(covers);
            }
            else
            {
                // Another caller is syncing: wait for it to end, then look again (a commit it did not cover needs the next).
                running.Wait();
            }
        }
    }

    /// <summary>Gets whether a sync (or a checkpoint) has covered commit number <paramref name="commit"/>.</summary>
    public bool IsDurable(long commit) => Volatile.Read(ref _syncedCommit) >= commit;

    /// <summary>Syncs the journal to stable storage.</summary>
    internal void Sync()
    {
        Probe?.Syncing?.Invoke();
        _syncToDisk();
        Interlocked.Increment(ref _syncCount);
    }

    /// <summary>
    /// Runs the sync of the round this caller started, covering every commit written before it began (outside the
    /// state lock: the next writers write their commits, into other slots, meanwhile), and ends the round.
    /// </summary>
    private void SyncRound((long End, int Slot, long Last, int Generation) covers)
    {
        try
        {
            Sync();
            lock (_state)
            {
                // A ring started again meanwhile (the journal cut back, or emptied by a checkpoint) was synced by
                // whoever started it: the slot taken above names nothing now.
                if (covers.Generation == _records.Generation)
                {
                    MarkSynced(covers.End, covers.Slot, covers.Last);
                }
            }
        }
        finally
        {
            ManualResetEventSlim round;
            lock (_state)
            {
                round = _running!;
                _running = null;
            }

            round.Set();
        }
    }
}
