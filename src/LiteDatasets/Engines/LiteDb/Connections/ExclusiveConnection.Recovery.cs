using LiteDatasets.Engines.LiteDb.Files;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>Recovery from a failed engine: the engine is abandoned and a new one opens the files afresh.</summary>
internal sealed partial class ExclusiveConnection
{
    /// <summary>
    /// Replaces <paramref name="failed"/> unless that was done already; returns whether the store has a working
    /// engine. A call nested in another (a draft enumeration that reads) leaves the replacement to the outer call.
    /// </summary>
    private bool Recover(EngineInstance failed)
    {
        if (_gate.IsReadLockHeld || _gate.IsWriteLockHeld)
        {
            return false;
        }

        _gate.EnterWriteLock();
        try
        {
            if (!_disposed)
            {
                ReplaceEngine(failed);
            }

            return !_disposed && _broken is null;
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public override void RecoverFromDamage(Exception damage)
    {
        if (StoreFailures.ClosesEngine(damage) && _gate.IsWriteLockHeld)
        {
            ReplaceEngine(_engine);
        }
    }

    /// <summary>
    /// Abandons a failed engine and opens a new one, unless that was done already (the caller holds the gate
    /// alone). Then it checkpoints: a write refused for a full disk may find the journal full of earlier commits,
    /// and moving them into the data file frees space, since the journal holds many copies of the same pages.
    /// </summary>
    private void ReplaceEngine(EngineInstance failed)
    {
        if (!ReferenceEquals(_engine, failed) || _broken is not null)
        {
            return;
        }

        Reopen(failed);
        if (!ReadOnly && _broken is null)
        {
            CheckpointAlone();
        }
    }

    /// <summary>Freezes and drops <paramref name="failed"/>, cuts the journal back to its last commit and opens a new engine.</summary>
    private void Reopen(EngineInstance failed)
    {
        failed.Abandon();
        try
        {
            if (!ReadOnly)
            {
                _journal.TruncateToCommitted();
            }

            _engine = EngineInstance.Open(new PageStream(_dataFile, _syncData) { Frozen = ReadOnly, CheckpointWritesOnly = true }, _journal.OpenView(frozen: ReadOnly), ReadOnly, Settings.TransactionPoolPages);
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException or InvalidOperationException)
        {
            _broken = ex;
        }
    }
}
