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
internal sealed class ExclusiveConnection : StoreConnection
{
    /// <summary>The journal size at which a write triggers a checkpoint.</summary>
    private const long CheckpointThreshold = 8 * 1024 * 1024;

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
        _checkpoint = new Checkpointer(journal, stateId);
        FormatVersion = StoreSchema.ReadFormat(engine.Database) ?? 0;
    }

    public override bool Shared => false;

    protected override EngineInstance Engine => _engine;

    public override JournalFile Journal => _journal;

    /// <summary>Opens a new, empty store in memory.</summary>
    public static ExclusiveConnection InMemory(StoreSettings settings)
    {
        var data = new MemoryStream();
        var stateId = StoreFiles.WriteNewStore(data, FormatPlan.Current.Version);
        var journal = new JournalFile(new MemoryStream(), static () => { }, durable: false);
        journal.SetOwners(stateId, Guid.Empty);
        var engine = EngineInstance.Open(new PageStream(data, static () => { }), journal.OpenView(frozen: false), readOnly: false, settings.TransactionPoolPages);
        return new ExclusiveConnection(null, settings with { ReadOnly = false, Shared = false }, data, static () => { }, journal, engine, stateId);
    }

    /// <summary>Opens (or creates) the store file at the real path <paramref name="path"/>, which this process has registered.</summary>
    public static ExclusiveConnection OpenFile(string path, StoreSettings settings)
    {
        var (readOnly, durable, formats) = (settings.ReadOnly, settings.Durable, settings.Formats);
        var existed = File.Exists(path);
        FileStream file;
        try
        {
            file = new FileStream(path, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(path);
        }

        var journalPath = path + StoreFiles.JournalSuffix;
        var journalExisted = File.Exists(journalPath);
        JournalFile? journal = null;
        ExclusiveConnection? connection = null;
        try
        {
            var (kind, format) = FileInspection.Inspect(file, formats.Version);
            if (kind == FileKind.Empty && !readOnly)
            {
                CreateStore(path, file, formats.Version);
                kind = FileKind.Store;
            }
            else if (kind == FileKind.PartialPage && !readOnly)
            {
                StoreFiles.RepairPartialPage(path, file, journalPath);
                (kind, format) = FileInspection.Inspect(file, formats.Version);
            }

            StoreFiles.ThrowUnlessStore(path, kind, format, formats.Version);

            // Until the file has proven to be a healthy store, LiteDB may not write to it. Without durability
            // nothing is synced: a commit written to the OS survives a process kill, which is all Durable = false
            // promises.
            var stateId = StoreFiles.ReadStateId(path, file);
            journal = readOnly ? StoreFiles.OpenJournalReadOnly(journalPath, stateId) : StoreFiles.OpenJournal(journalPath, stateId, durable, FileShare.None);
            Action syncData = () => file.Flush(flushToDisk: durable);
            var engine = StoreFiles.OpenEngine(path, new PageStream(file, syncData) { Frozen = readOnly }, journal.OpenView(frozen: readOnly), settings, upgradable: true);
            connection = new ExclusiveConnection(path, settings, file, syncData, journal, engine, stateId);
            if (!readOnly)
            {
                connection.Upgrade(formats);

                // A journal left by a crash moves into the data file now. On a full disk it stays where it is,
                // and the store opens all the same.
                connection.CheckpointAlone();
                connection.ThrowIfUnusable();
            }

            return connection;
        }
        catch when (connection is not null)
        {
            // Something may have been committed (an upgrade step, say): closing checkpoints it, or keeps the
            // journal if even that fails. The error to report is the first one.
            connection.Dispose();
            throw;
        }
        catch (Exception ex)
        {
            var committed = journal is { HasPages: true };
            journal?.Release();
            if (!journalExisted && !readOnly && !committed)
            {
                Quietly(() => File.Delete(journalPath));
            }

            var created = !existed && file.Length == 0;
            file.Dispose();
            if (created)
            {
                Quietly(() => File.Delete(path));
            }

            if (ex is IOException)
            {
                throw Errors.Storage("opening the store", ex, path);
            }

            throw;
        }
    }

    public override T Read<T>(Func<T> body)
    {
        // Once a failed engine is replaced (by this call or another), the read runs once more, on the new one.
        for (var attempt = 1; ; attempt++)
        {
            var engine = EnterGate();
            Exception failure;
            try
            {
                return body();
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                failure = ex;
            }
            finally
            {
                _gate.ExitReadLock();
            }

            if (!Recover(engine) || attempt == 2)
            {
                throw Failure("reading", failure);
            }
        }
    }

    public override T Write<T>(Func<(T Result, bool Changed)> body)
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

        if (!_writer.Wait(Settings.LockTimeout))
        {
            throw Errors.Busy("the store for writing", Settings.LockTimeout);
        }

        T result;
        _writerThread = Environment.CurrentManagedThreadId;
        try
        {
            var engine = EnterGate();
            EngineFault? fault = null;
            try
            {
                result = RunTransaction(engine.Database, body);
            }
            catch (EngineFault ex)
            {
                fault = ex;
                throw Failure("writing", ex);
            }
            catch (LiteException ex)
            {
                // LiteDB refused the call but rolled it back cleanly: the engine is fine.
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
        finally
        {
            _writerThread = 0;
            _writer.Release();
        }

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
                return body();
            }
            catch (Exception ex) when (IsEngineFailure(ex))
            {
                ReplaceEngine(engine);
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

    /// <summary>
    /// LiteDB's automatic checkpoints are off (the store's own change the data file's state id). After a write,
    /// when the journal has grown past <see cref="CheckpointThreshold"/>, the store checkpoints, waiting for the
    /// running calls to finish (new ones wait meanwhile), so that a store that is never idle still checkpoints.
    /// It checkpoints early when the disk runs short: a checkpoint itself needs a little room, and it frees most
    /// of what the journal holds (which keeps many copies of the same pages), so waiting until the disk is full
    /// would lock writes out.
    /// </summary>
    private void MaybeCheckpoint()
    {
        var journal = _journal.PagesLength;
        if ((journal < CheckpointThreshold && !DiskRunningShort(journal)) || _gate.IsReadLockHeld || !_gate.TryEnterWriteLock(Settings.LockTimeout))
        {
            return;
        }

        try
        {
            if (!_disposed && _broken is null)
            {
                CheckpointAlone();
            }
        }
        finally
        {
            _gate.ExitWriteLock();
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
    /// Checkpoints while no other call runs. A checkpoint that fails (a full disk) changes nothing that was
    /// committed: the journal keeps every commit, the engine is replaced, and a later checkpoint tries again.
    /// A write whose commit succeeded is not reported as failed because of it.
    /// </summary>
    private void CheckpointAlone()
    {
        var engine = _engine;
        try
        {
            _checkpoint.Run(engine);
            Interlocked.Exchange(ref _journalAtLastLook, 0);
        }
        catch (Exception ex) when (IsEngineFailure(ex))
        {
            Reopen(engine);
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

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_broken is not null)
        {
            throw Errors.StoreBroken(DisplayPath, _broken);
        }
    }

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

            _engine = EngineInstance.Open(new PageStream(_dataFile, _syncData) { Frozen = ReadOnly }, _journal.OpenView(frozen: ReadOnly), ReadOnly, Settings.TransactionPoolPages);
        }
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException or InvalidOperationException)
        {
            _broken = ex;
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
            catch (Exception ex) when (IsEngineFailure(ex) || ex is UnauthorizedAccessException or InvalidOperationException)
            {
                // The journal keeps every commit; the next open moves them in. Cut off what the failed
                // checkpoint's own commit may have left half-written.
                Quietly(_journal.TruncateToCommitted);
            }
        }

        if (_broken is null)
        {
            Quietly(_engine.Dispose);
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
        catch (Exception ex) when (ex is IOException or LiteException or UnauthorizedAccessException or InvalidOperationException or ObjectDisposedException)
        {
            // The files stay consistent: whatever the journal holds is replayed by the next open.
        }
    }

    /// <summary>Writes a new store into the empty file; a full disk leaves the file empty and is reported.</summary>
    private static void CreateStore(string path, FileStream file, int format)
    {
        try
        {
            StoreFiles.WriteNewStore(file, format);
            file.Flush(flushToDisk: true);
        }
        catch (IOException ex)
        {
            Quietly(() => file.SetLength(0));
            throw Errors.Storage("creating the store", ex, path);
        }
    }
}
