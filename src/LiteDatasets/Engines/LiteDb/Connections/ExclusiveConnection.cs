using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// A store file this process owns alone (or a store in memory): one long-lived engine, its journal beside the
/// file, and the file held with an exclusive lock for as long as the store is open.
/// </summary>
/// <remarks>
/// <para>Calls hold a gate shared while they are inside LiteDB; closing, checkpoints, backups, verification and
/// the replacement of a failed engine hold it alone. Writers take a writer lock before the gate, one at a time:
/// LiteDB lets one transaction write at a time anyway, and a writer never waits inside LiteDB for a transaction
/// that a failed engine can no longer end.</para>
/// <para>When LiteDB fails inside a call, the engine is abandoned (frozen, so it cannot write again), the
/// journal is cut back to its last confirmed commit, and a new engine opens the files afresh: the call leaves no
/// trace, every other thread carries on, and writes work again once the cause (a full disk) is gone.</para>
/// </remarks>
internal sealed partial class ExclusiveConnection : StoreConnection
{
    /// <summary>The journal size at which a write triggers a checkpoint.</summary>
    private const long CheckpointThreshold = 8 * 1024 * 1024;

    /// <summary>
    /// The longest a journal file stays when a checkpoint empties it, for the next commits to write over (see
    /// <see cref="JournalFile.MaxKeptLength"/>): a journal that grew past it (a large import) gives its space back.
    /// </summary>
    private const long KeptJournal = 2 * CheckpointThreshold;

    /// <summary>How much the journal grows between two looks at the free space of the disk.</summary>
    private const long FreeSpaceStep = 512 * 1024;

    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.SupportsRecursion);
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly Stream _dataFile;
    private readonly Action _syncData;
    private readonly JournalFile _journal;
    private readonly Checkpointer _checkpoint;
    private EngineInstance _engine;
    private Exception? _broken;
    private int _writerThread;
    private long _journalAtLastLook;
    private bool _disposed;

    private ExclusiveConnection(string? path, StoreSettings settings, Stream dataFile, Action syncData, JournalFile journal, EngineInstance engine, Guid stateId)
        : base(path, settings)
    {
        _dataFile = dataFile;
        _syncData = syncData;
        _journal = journal;
        _engine = engine;

        // Group commit: a writer syncs after letting the next one in, so commits that come meanwhile share a sync.
        journal.DeferSyncs = true;
        journal.MaxKeptLength = KeptJournal;
        _checkpoint = new Checkpointer(journal, stateId);
        FormatVersion = StoreSchema.ReadFormat(engine.Database) ?? 0;
    }

    public override bool Shared => false;

    protected override EngineInstance Engine => _engine;

    public override JournalFile Journal => _journal;

    public override T Read<T>(Func<T> body)
    {
        // Once a failed engine is replaced (by this call or another), the read runs once more, on the new one.
        for (var attempt = 1; ; attempt++)
        {
            var engine = EnterGate();
            Exception failure;
            try
            {
                var result = body();

                // What a read saw is returned only once it is on stable storage (a commit still waiting for its sync).
                SyncThrough(_journal.LastCommit, "reading");
                return result;
            }
            catch (Exception ex) when (IsEngineFailure(ex) || ex is StoreDamage)
            {
                failure = ex;
            }
            finally
            {
                _gate.ExitReadLock();
            }

            // Damage is no passing failure: reading again would meet it again. The engine is replaced only if
            // LiteDB closed itself.
            var damaged = StoreFailures.Damage(failure) is not null;
            var recovered = (damaged && !StoreFailures.ClosesEngine(failure)) || Recover(engine);
            if (damaged || !recovered || attempt == 2)
            {
                throw Failure("reading", failure);
            }
        }
    }

    public override T Write<T>(Func<(T Result, bool Changed)> body, Action? ended = null)
    {
        ThrowIfCannotWrite();
        if (!_writer.Wait(Settings.LockTimeout))
        {
            throw Errors.Busy("the store for writing", Settings.LockTimeout);
        }

        T result;
        long commit;
        _writerThread = Environment.CurrentManagedThreadId;
        try
        {
            result = WriteInGate(body);
        }
        finally
        {
            commit = _journal.LastCommit;
            _writerThread = 0;
            _writer.Release();
            ended?.Invoke();
        }

        // After the next writer is let in: commits that it and others make while this sync runs share the next one.
        // A write that changed nothing syncs too: what it returns may come from a commit still waiting for its sync.
        SyncThrough(commit, "writing");

        MaybeCheckpoint();
        return result;
    }

    public override T Exclusive<T>(Func<T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_gate.TryEnterWriteLock(Settings.LockTimeout))
        {
            throw Errors.Busy("the store", Settings.LockTimeout);
        }

        try
        {
            ThrowIfUnusable();
            var engine = _engine;
            try
            {
                SyncThrough(_journal.LastCommit, "reading the whole store");
                return body();
            }
            catch (Exception ex) when (IsEngineFailure(ex) || ex is StoreDamage)
            {
                if (StoreFailures.Damage(ex) is null || StoreFailures.ClosesEngine(ex))
                {
                    ReplaceEngine(engine);
                }

                throw Failure("reading the whole store", ex);
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _gate.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Close();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Brings the store up to the format of <paramref name="formats"/> (see <see cref="FormatPlan.Upgrade"/>).</summary>
    private void Upgrade(FormatPlan formats)
    {
        formats.Upgrade(_engine.Database, FormatVersion, DisplayPath);
        FormatVersion = formats.Version;
    }

    /// <summary>Runs a write's transaction inside the gate (the caller holds the writer lock); a failed engine is replaced before the lock is let go.</summary>
    private T WriteInGate<T>(Func<(T Result, bool Changed)> body)
    {
        var engine = EnterGate();
        EngineFault? fault = null;
        try
        {
            return RunTransaction(engine.Database, body);
        }
        catch (EngineFault ex)
        {
            fault = ex;
            throw Failure("writing", ex);
        }
        catch (Exception ex) when (ex is LiteException or StoreDamage)
        {
            // LiteDB refused the call (or the rows it read are damaged) but rolled it back cleanly: the engine is fine.
            throw Failure("writing", ex);
        }
        finally
        {
            _gate.ExitReadLock();
            if (fault is not null)
            {
                // Before the writer lock is released: the next writer gets the new engine.
                Recover(engine);
            }
        }
    }

    /// <summary>
    /// Makes commit number <paramref name="commit"/> durable (see <see cref="JournalFile.SyncThrough"/>). A sync that
    /// fails leaves unknown what reached the disk: the call fails, and whether its commit is kept is known only when
    /// the store is next opened (recovery keeps what the journal's records vouch for).
    /// </summary>
    private void SyncThrough(long commit, string doing)
    {
        try
        {
            _journal.SyncThrough(commit);
        }
        catch (ObjectDisposedException) when (_journal.IsDurable(commit))
        {
            // The store closed meanwhile, and its closing checkpoint made the commit durable.
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw Failure(doing, ex);
        }
    }

    /// <summary>Enters the gate for a call and returns the engine to use.</summary>
    private EngineInstance EnterGate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_gate.TryEnterReadLock(Settings.LockTimeout))
        {
            throw Errors.Busy("the store", Settings.LockTimeout);
        }

        try
        {
            ThrowIfUnusable();
            return _engine;
        }
        catch
        {
            _gate.ExitReadLock();
            throw;
        }
    }

    /// <summary>Refuses a write on a closed or read-only store, and one from inside another write (a nested transaction).</summary>
    private void ThrowIfCannotWrite()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ReadOnly)
        {
            throw Errors.ReadOnly();
        }

        if (_writerThread == Environment.CurrentManagedThreadId)
        {
            throw new InvalidOperationException("A store call that writes cannot run inside another write (for example from the drafts of an import).");
        }
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken is not null)
        {
            throw Errors.StoreBroken(DisplayPath, _broken);
        }
    }

    /// <summary>Checkpoints (keeping the journal if that fails) and releases the files; never throws.</summary>
    private void Close()
    {
        if (!ReadOnly && _broken is null)
        {
            try
            {
                _checkpoint.Run(_engine);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Whatever stopped it (a full disk, a page LiteDB found damaged), the journal keeps every commit
                // and the next open moves them in. Cut off what the failed checkpoint's own commit may have left
                // half-written.
                Quietly(_journal.TruncateToCommitted);
            }
        }

        if (_broken is null)
        {
            Quietly(_engine.Dispose);
        }

        // A writer may still be waiting for its sync (group commit): whatever the checkpoint did, the journal is synced
        // before it is closed.
        if (!ReadOnly)
        {
            Quietly(() => _journal.SyncThrough(_journal.LastCommit));
        }

        var journalEmpty = !_journal.HasPages;
        Quietly(_journal.Release);
        Quietly(_dataFile.Dispose);
        if (Path is null)
        {
            return;
        }

        if (journalEmpty && !ReadOnly)
        {
            Quietly(() => File.Delete(Path + StoreFiles.JournalSuffix));
        }

        if (Registered)
        {
            FileLocks.Unregister(Path);
        }
    }

    /// <summary>Runs a step of closing whose failure must not stop the steps after it.</summary>
    private static void Quietly(Action step)
    {
        try
        {
            step();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The files stay consistent: whatever the journal holds is replayed by the next open. Closing must
            // complete whatever went wrong, including damage LiteDB meets while it closes.
        }
    }
}
