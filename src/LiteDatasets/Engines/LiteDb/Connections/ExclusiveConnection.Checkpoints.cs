namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>Checkpoints: after writes that grew the journal, and early when the disk runs short.</summary>
internal sealed partial class ExclusiveConnection
{
    private int _checkpointWaiting;

    /// <summary>
    /// LiteDB's automatic checkpoints are off (the store's own change the data file's state id). After a write,
    /// when the journal has grown past <see cref="CheckpointThreshold"/>, the store checkpoints, waiting for the
    /// running calls to finish (new ones wait meanwhile), so that a store that is never idle still checkpoints.
    /// While a long read (a backup) runs, it waits for the next write after it.
    /// It checkpoints early when the disk runs short: a checkpoint itself needs a little room, and it frees most
    /// of what the journal holds (which keeps many copies of the same pages), so waiting until the disk is full
    /// would lock writes out.
    /// </summary>
    private void MaybeCheckpoint()
    {
        long journal;
        try
        {
            journal = _journal.PagesLength;
        }
        catch (ObjectDisposedException) when (Volatile.Read(ref _disposed))
        {
            // The store closed while this write waited for its sync: closing synced the journal, nothing is left to do.
            return;
        }

        // One writer waits to checkpoint; the others go on (with many writers, all of them waiting for the gate and
        // checkpointing one after another would stall every call for nothing).
        var diskShort = journal < CheckpointThreshold && DiskRunningShort(journal);
        if ((journal < CheckpointThreshold && !diskShort) || _gate.IsReadLockHeld || Volatile.Read(ref _snapshots) > 0
            || Interlocked.CompareExchange(ref _checkpointWaiting, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (!_gate.TryEnterWriteLock(Settings.LockTimeout))
            {
                return;
            }

            try
            {
                if (!_disposed && _broken is null && _journal.HasPages)
                {
                    CheckpointAlone(freeSpace: diskShort);
                }
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
        finally
        {
            Volatile.Write(ref _checkpointWaiting, 0);
        }
    }

    /// <summary>
    /// Whether the disk has less free space than twice the journal, looked at each time the journal has grown by
    /// <see cref="FreeSpaceStep"/> (a look costs a system call).
    /// </summary>
    private bool DiskRunningShort(long journal)
    {
        if (Path is null || journal - Interlocked.Read(ref _journalAtLastLook) < FreeSpaceStep)
        {
            return false;
        }

        Interlocked.Exchange(ref _journalAtLastLook, journal);
        try
        {
            return new DriveInfo(System.IO.Path.GetDirectoryName(Path)!).AvailableFreeSpace < 2 * journal;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checkpoints while no other call runs. A checkpoint that fails (a full disk, a page LiteDB finds damaged)
    /// changes nothing that was committed: the journal keeps every commit, the engine is replaced, and a later
    /// checkpoint tries again. A write whose commit succeeded is not reported as failed because of it.
    /// </summary>
    /// <param name="freeSpace">Whether the journal gives back the space of its file (the disk runs short) rather than keeping it for the next commits.</param>
    private void CheckpointAlone(bool freeSpace = false)
    {
        var engine = _engine;
        try
        {
            _checkpoint.Run(engine);
            if (freeSpace)
            {
                _journal.GiveBackKeptSpace();
            }

            Interlocked.Exchange(ref _journalAtLastLook, 0);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Reopen(engine);
        }
    }
}
