using LiteDatasets.Engines.LiteDb.Files;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// A store file that several processes use at once (every opener asked for <see cref="StoreSettings.Shared"/>).
/// Each call is one operation: it takes the store's lock on the file itself (<see cref="SharedFileLock"/>, which
/// holds across processes, handles and every path to the file), opens an engine over the data file and the
/// journal, and moves what it committed into the data file before it lets go, so the next operation — in any
/// process — starts from the data file. The journal is the store's own, with the same identity checks and
/// durability as in exclusive mode; LiteDB's shared mode, whose lock is named after the text of the path, is not
/// used.
/// </summary>
internal sealed class SharedConnection : StoreConnection
{
    /// <summary>How long an open waits for another process that holds the file alone for a moment (to create, recover or close it).</summary>
    private static readonly TimeSpan OpenRetry = TimeSpan.FromMilliseconds(500);

    private readonly FileStream _file;
    private readonly SharedFileLock _fileLock;
    private readonly SemaphoreSlim _operation = new(1, 1);
    private readonly string _journalPath;
    private SharedOperation? _current;
    private bool _disposed;

    private SharedConnection(string path, StoreSettings settings, FileStream file)
        : base(path, settings)
    {
        _file = file;
        _fileLock = new SharedFileLock(file, exclusive: !settings.ReadOnly);
        _journalPath = path + StoreFiles.JournalSuffix;
    }

    public override bool Shared => true;

    protected override EngineInstance Engine =>
        (_current ?? throw new InvalidOperationException("The store's database is reachable only inside one of its calls.")).Engine;

    public override JournalFile? Journal => _current?.Journal;

    /// <summary>Opens the store file at the real path <paramref name="path"/> in shared mode.</summary>
    public static SharedConnection Open(string path, StoreSettings settings)
    {
        if (!RangeLock.IsSupported)
        {
            throw new PlatformNotSupportedException("Shared mode needs a lock on the store file that excludes every other handle, which LiteDatasets has on Linux and Windows only. Open the store without Shared here.");
        }

        EnsureExclusiveWorkDone(path, settings);
        var file = OpenSharedHandle(path, settings.ReadOnly);
        try
        {
            var (kind, format) = FileInspection.Inspect(file, settings.Formats.Version);
            StoreFiles.ThrowUnlessStore(path, kind, format, settings.Formats.Version);
            var connection = new SharedConnection(path, settings, file);

            // The first operation checks the format record, which every later one reads again.
            connection.Read(static () => 0);
            return connection;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override T Read<T>(Func<T> body) => Run("reading", body, IsEngineFailure);

    public override T Write<T>(Func<(T Result, bool Changed)> body, Action? ended = null)
    {
        if (ReadOnly)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            throw Errors.ReadOnly();
        }

        // The body's own exceptions pass through a successful rollback; only a fault of LiteDB's is a failure.
        return Run("writing", () => RunTransaction(Database, body), static ex => ex is EngineFault);
    }

    public override T Exclusive<T>(Func<T> body) => Run("reading the whole store", body, IsEngineFailure);

    public override T Snapshot<T>(Func<LiteDatabase, T> body) => Exclusive(() =>
    {
        var db = Database;
        BeginSnapshot(db);
        try
        {
            return body(db);
        }
        finally
        {
            db.Rollback();
        }
    });

    public override void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _operation.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _file.Dispose();
            if (!ReadOnly)
            {
                RemoveEmptyJournalIfLast();
            }

            if (Registered)
            {
                FileLocks.Unregister(Path!);
            }
        }
        finally
        {
            _operation.Release();
        }
    }

    private T Run<T>(string operation, Func<T> body, Func<Exception, bool> isEngineFailure)
    {
        if (_current is { } running && running.Thread == Environment.CurrentManagedThreadId)
        {
            // A call from inside this thread's operation (a draft enumeration that reads) joins it.
            return body();
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_operation.Wait(Settings.LockTimeout))
        {
            throw Errors.Busy("the store", Settings.LockTimeout);
        }

        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_fileLock.TryEnter(Settings.LockTimeout))
            {
                throw Errors.Busy("the store file (another process is using it)", Settings.LockTimeout);
            }

            try
            {
                return RunLocked(operation, body, isEngineFailure);
            }
            finally
            {
                _fileLock.Exit();
            }
        }
        finally
        {
            _operation.Release();
        }
    }

    private T RunLocked<T>(string operation, Func<T> body, Func<Exception, bool> isEngineFailure)
    {
        SharedOperation op;
        try
        {
            op = SharedOperation.Begin(Path!, _file, _journalPath, Settings);
        }
        catch (IOException ex)
        {
            throw Errors.Storage(operation, ex, DisplayPath);
        }

        FormatVersion = op.FormatVersion;
        _current = op;
        T result;
        try
        {
            result = body();
        }
        catch (Exception ex) when (isEngineFailure(ex))
        {
            Finish()?.Fail();
            throw Failure(operation, ex);
        }
        catch (Exception ex) when (ex is LiteException or StoreDamage)
        {
            // LiteDB refused the call (or the rows it read are damaged) but rolled it back cleanly: the engine
            // is fine.
            Finish()?.End();
            throw Failure(operation, ex);
        }
        catch
        {
            Finish()?.End();
            throw;
        }

        Finish()?.End();
        return result;
    }

    /// <summary>Ends the running operation's hold on the store's calls and returns it: it may have been renewed by <see cref="RecoverFromDamage"/> (or be gone, if renewing it failed).</summary>
    private SharedOperation? Finish()
    {
        var op = _current;
        _current = null;
        return op;
    }

    public override void RecoverFromDamage(Exception damage)
    {
        if (StoreFailures.ClosesEngine(damage) && _current is { } op)
        {
            // Inside the running operation, which holds the file's lock: its engine is replaced by a new one.
            op.Fail();
            _current = null;
            _current = SharedOperation.Begin(Path!, _file, _journalPath, Settings);
        }
    }

    /// <summary>
    /// Before a shared open: creates a missing store, replays a journal left by a crashed session and upgrades an
    /// older format, all through a short exclusive open. If another process holds the file, it has created the
    /// store (an older format is then refused by the shared open, and a journal is replayed by an operation).
    /// </summary>
    private static void EnsureExclusiveWorkDone(string path, StoreSettings settings)
    {
        var info = new FileInfo(path);
        var needsCreate = !info.Exists || info.Length == 0;
        var journal = new FileInfo(path + StoreFiles.JournalSuffix);
        var needsRecovery = journal.Exists && journal.Length > StoreFormat.PageSize;
        var needsUpgrade = !needsCreate && settings is { ReadOnly: false, UpgradeFormat: true } && IsOlderFormat(path, settings.Formats.Version);
        if ((!needsCreate || settings.ReadOnly) && !needsRecovery && !needsUpgrade)
        {
            return;
        }

        try
        {
            ExclusiveConnection.OpenFile(path, settings with { Durable = true, Shared = false }).Dispose();
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.FileLocked)
        {
            // Another process has the file open; it created or recovered the store.
        }
    }

    /// <summary>Whether the file's header marks a store of a format below <paramref name="current"/>.</summary>
    private static bool IsOlderFormat(string path, int current)
    {
        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return FileInspection.Inspect(probe, current) is (FileKind.Store, var format) && format < current;
        }
        catch (IOException)
        {
            // Held by another process: it cannot be upgraded now, and the shared open says so.
            return false;
        }
    }

    /// <summary>
    /// Opens the handle a shared opener keeps for its whole life: a shared lock on the file (other shared openers
    /// may hold one too, an exclusive opener may not) and the handle its operations lock and use.
    /// </summary>
    private static FileStream OpenSharedHandle(string path, bool readOnly)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.Open, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            }
            catch (IOException ex) when (FileLocks.IsLockConflict(ex))
            {
                if (waited.Elapsed > OpenRetry)
                {
                    throw Errors.FileLocked(path);
                }

                Thread.Sleep(10);
            }
        }
    }

    /// <summary>
    /// Removes the journal, if it holds no pages, when this was the last opener: holding the file alone for a
    /// moment proves that no other opener, in any process, is left to use it.
    /// </summary>
    private void RemoveEmptyJournalIfLast()
    {
        try
        {
            using var alone = new FileStream(Path!, FileMode.Open, FileAccess.Read, FileShare.None, bufferSize: 0);
            var journal = new FileInfo(_journalPath);
            if (journal.Exists && journal.Length <= StoreFormat.PageSize)
            {
                journal.Delete();
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another opener is still there (or the directory is read-only): the journal stays.
        }
    }
}
