using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>Long reads of the whole store (backups), which other calls never wait for.</summary>
internal sealed partial class ExclusiveConnection
{
    /// <summary>How many long reads run now; checkpoints wait until none does.</summary>
    private int _snapshots;

    /// <summary>
    /// Runs a long read in one read transaction: the writer lock is held only while the transaction takes its
    /// snapshots (so no commit falls between two collections), then writes go on beside it. Checkpoints are put
    /// off until it ends: one would need the gate alone, and readers queued behind it would wait for the copy.
    /// </summary>
    public override T Snapshot<T>(Func<LiteDatabase, T> body)
    {
        if (!_writer.Wait(Settings.LockTimeout))
        {
            throw Errors.Busy("the store for a consistent copy", Settings.LockTimeout);
        }

        EngineInstance engine;
        try
        {
            engine = EnterGate();
            try
            {
                BeginSnapshot(engine.Database);

                // The copy holds every commit made so far: each must be on stable storage before it is copied.
                SyncThrough(_journal.LastCommit, "reading the whole store");
            }
            catch (Exception ex) when (IsEngineFailure(ex) || ex is StoreDamage)
            {
                _gate.ExitReadLock();
                throw Failure("reading the whole store", ex);
            }
            catch
            {
                _gate.ExitReadLock();
                throw;
            }
        }
        finally
        {
            _writer.Release();
        }

        Interlocked.Increment(ref _snapshots);
        Exception? failure = null;
        try
        {
            return body(engine.Database);
        }
        catch (Exception ex) when (IsEngineFailure(ex) || ex is StoreDamage)
        {
            // Damage that LiteDB survived leaves the engine usable; anything else replaces it.
            failure = StoreFailures.Damage(ex) is null || StoreFailures.ClosesEngine(ex) ? ex : null;
            throw Failure("reading the whole store", ex);
        }
        finally
        {
            QuietlyRollback(engine.Database);
            Interlocked.Decrement(ref _snapshots);
            _gate.ExitReadLock();
            if (failure is not null)
            {
                Recover(engine);
            }
        }
    }

    /// <summary>Ends a read transaction; a failure to do so is the engine's, which the caller handles.</summary>
    private static void QuietlyRollback(LiteDatabase db) => Quietly(() => db.Rollback());
}
