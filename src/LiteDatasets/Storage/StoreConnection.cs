using LiteDB;
using LiteDB.Engine;

namespace LiteDatasets.Storage;

/// <summary>
/// An open store file (or memory store): the LiteDB database plus the file handles that hold its lock.
/// Opening inspects the raw bytes first, so LiteDB never sees (and never modifies) a file that is not a
/// store, and every failure releases the file again.
/// </summary>
internal sealed class StoreConnection : IDisposable
{
    private readonly string? _fullPath;
    private readonly FileStream? _lockHandle;
    private readonly PageStream? _data;
    private readonly JournalStream? _journal;
    private bool _disposed;

    private StoreConnection(LiteDatabase database, string? fullPath, bool readOnly, bool shared, FileStream? lockHandle, PageStream? data, JournalStream? journal)
    {
        Database = database;
        _fullPath = fullPath;
        ReadOnly = readOnly;
        Shared = shared;
        _lockHandle = lockHandle;
        _data = data;
        _journal = journal;
    }

    /// <summary>Gets the LiteDB database.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Gets whether writes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>Gets whether the file is opened in LiteDB's shared (multi-process) mode.</summary>
    public bool Shared { get; }

    /// <summary>Gets the journal, when the store runs on one (for durability tests and diagnostics).</summary>
    internal JournalStream? Journal => _journal;

    /// <summary>Gets the suffix of the store's journal file.</summary>
    public const string JournalSuffix = "-journal";

    /// <summary>Opens a store that lives in memory only.</summary>
    public static StoreConnection OpenInMemory()
    {
        var data = new PageStream(new MemoryStream(), static () => { });
        var journal = new JournalStream(new MemoryStream(), static () => { }, durable: false);
        JournalStream.Initialize(journal.Inner, new byte[8], static () => { });
        var db = CreateDatabase(data, journal, readOnly: false);
        StoreSchema.Initialize(db);
        db.Checkpoint();
        return new StoreConnection(db, null, readOnly: false, shared: false, null, data, journal);
    }

    /// <summary>Opens (or creates) the store file named by <paramref name="options"/>.</summary>
    public static StoreConnection OpenFile(DatasetStoreOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options) + "." + nameof(options.Path));
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        if (options.ReadOnly && !File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The store file '{fullPath}' does not exist; a read-only open cannot create it.", fullPath);
        }

        FileLocks.Register(fullPath, options.Shared);
        try
        {
            return options.Shared ? OpenShared(fullPath, options.ReadOnly) : OpenExclusive(fullPath, options.ReadOnly, options.Durable);
        }
        catch
        {
            FileLocks.Unregister(fullPath);
            throw;
        }
    }

    /// <summary>Moves everything committed from the journal into the data file.</summary>
    public void Checkpoint()
    {
        if (!ReadOnly)
        {
            Database.Checkpoint();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            // A checkpoint on close leaves the data file holding everything: it can be copied alone.
            Checkpoint();
        }
        finally
        {
            Database.Dispose();
            var journalEmpty = _journal is { HasPages: false };
            _journal?.Release();
            _data?.Release();
            _lockHandle?.Dispose();
            if (_fullPath is not null)
            {
                if (journalEmpty && !ReadOnly)
                {
                    File.Delete(_fullPath + JournalSuffix);
                }

                FileLocks.Unregister(_fullPath);
            }
        }
    }

    private static StoreConnection OpenExclusive(string fullPath, bool readOnly, bool durable)
    {
        FileStream file;
        try
        {
            file = new FileStream(fullPath, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(fullPath);
        }

        PageStream? data = null;
        JournalStream? journal = null;
        try
        {
            var (kind, format) = FileInspection.Inspect(file);
            if (kind == FileKind.Empty && !readOnly)
            {
                WriteNewStore(file);
                kind = FileKind.Store;
            }

            ThrowUnlessStore(fullPath, kind, format);
            data = new PageStream(file, () => file.Flush(flushToDisk: true));
            var identity = ReadIdentity(file);
            journal = OpenJournal(fullPath + JournalSuffix, identity, readOnly, durable);
            RecoverSharedModeLog(fullPath, data, readOnly);

            var db = OpenDatabase(fullPath, data, journal, readOnly);
            var connection = new StoreConnection(db, fullPath, readOnly, shared: false, null, data, journal);
            connection.Checkpoint();
            return connection;
        }
        catch
        {
            journal?.Release();
            file.Dispose();
            throw;
        }
    }

    private static StoreConnection OpenShared(string fullPath, bool readOnly)
    {
        EnsureStoreExists(fullPath, readOnly);

        FileStream lockHandle;
        try
        {
            // A read handle that shares read and write takes a shared flock: it coexists with other shared
            // openers (and LiteDB's own shared-mode handles) but not with an exclusive owner.
            lockHandle = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(fullPath);
        }

        try
        {
            var (kind, format) = FileInspection.Inspect(lockHandle);
            ThrowUnlessStore(fullPath, kind, format);
            var connectionString = new ConnectionString
            {
                Filename = fullPath,
                Connection = ConnectionType.Shared,
                ReadOnly = readOnly,
                Collation = Collation.Binary,
            };
            LiteDatabase db;
            try
            {
                db = new LiteDatabase(connectionString);
                CheckFormatRecord(fullPath, db);
            }
            catch (Exception ex) when (ex is not LiteDatasetsException)
            {
                throw Errors.FileCorrupt(fullPath, "could not be opened as a LiteDatasets store (" + ex.Message + ").", ex);
            }

            return new StoreConnection(db, fullPath, readOnly, shared: true, lockHandle, null, null);
        }
        catch
        {
            lockHandle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Before a shared open: creates a missing store, and replays a journal left by a crashed exclusive
    /// session, both through a short exclusive open. If another process holds the file, it has done both.
    /// </summary>
    private static void EnsureStoreExists(string fullPath, bool readOnly)
    {
        var info = new FileInfo(fullPath);
        var needsCreate = !info.Exists || info.Length == 0;
        var journal = new FileInfo(fullPath + JournalSuffix);
        var needsRecovery = journal.Exists && journal.Length > StoreFormat.PageSize;
        if ((!needsCreate || readOnly) && !needsRecovery)
        {
            return;
        }

        try
        {
            OpenExclusive(fullPath, readOnly, durable: true).Dispose();
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.FileLocked)
        {
            // Another process has the file open; it created or recovered the store.
        }
    }

    /// <summary>Writes a new, empty store into an empty file: built in memory, then written and synced at once.</summary>
    private static void WriteNewStore(FileStream file)
    {
        var data = new PageStream(new MemoryStream(), static () => { });
        using (var db = CreateDatabase(data, null, readOnly: false))
        {
            StoreSchema.Initialize(db);
            db.Checkpoint();
        }

        file.Position = 0;
        ((MemoryStream)data.Inner).WriteTo(file);
        file.Flush(flushToDisk: true);
    }

    private static JournalStream OpenJournal(string journalPath, byte[] identity, bool readOnly, bool durable)
    {
        if (readOnly)
        {
            // Replay a matching journal read-only (LiteDB keeps the replay in memory); ignore any other.
            if (File.Exists(journalPath))
            {
                var existing = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
                if (JournalStream.ReadOwner(existing)?.AsSpan().SequenceEqual(identity) == true)
                {
                    return new JournalStream(existing, static () => { }, durable: false);
                }

                existing.Dispose();
            }

            var empty = new MemoryStream();
            JournalStream.Initialize(empty, identity, static () => { });
            return new JournalStream(empty, static () => { }, durable: false);
        }

        var file = new FileStream(journalPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        try
        {
            var owner = JournalStream.ReadOwner(file);
            if (owner is null || !owner.AsSpan().SequenceEqual(identity))
            {
                if (file.Length > 0)
                {
                    // A journal that belongs to another data file (or is damaged) must never be replayed
                    // into this one. Keep it aside for inspection instead of deleting anything.
                    file.Dispose();
                    File.Move(journalPath, journalPath + ".stale-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture));
                    file = new FileStream(journalPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
                }

                var created = file;
                JournalStream.Initialize(file, identity, () => created.Flush(flushToDisk: true));
            }

            var handle = file;
            return new JournalStream(file, () => handle.Flush(flushToDisk: true), durable);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Replays LiteDB's own log (<c>-log.db</c>), which only a crashed shared-mode session leaves behind,
    /// into the data file so that an exclusive open loses none of its commits.
    /// </summary>
    private static void RecoverSharedModeLog(string fullPath, PageStream data, bool readOnly)
    {
        var logPath = LiteDbLogPath(fullPath);
        if (readOnly || !File.Exists(logPath) || new FileInfo(logPath).Length == 0)
        {
            return;
        }

        using (var log = new FileStream(logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        {
            var logStream = new PageStream(log, () => log.Flush(flushToDisk: true));
            using var db = CreateDatabase(data, logStream, readOnly: false);
            db.Checkpoint();
        }

        File.Delete(logPath);
    }

    private static string LiteDbLogPath(string fullPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fullPath) ?? "", System.IO.Path.GetFileNameWithoutExtension(fullPath) + "-log" + System.IO.Path.GetExtension(fullPath));

    private static LiteDatabase OpenDatabase(string fullPath, PageStream data, JournalStream journal, bool readOnly)
    {
        LiteDatabase? db = null;
        try
        {
            db = CreateDatabase(data, journal, readOnly);
            CheckFormatRecord(fullPath, db);
            return db;
        }
        catch (Exception ex) when (ex is not LiteDatasetsException)
        {
            db?.Dispose();
            throw Errors.FileCorrupt(fullPath, "is damaged: LiteDB could not open it (" + ex.Message + ").", ex);
        }
        catch
        {
            db?.Dispose();
            throw;
        }
    }

    private static void CheckFormatRecord(string fullPath, LiteDatabase db)
    {
        var format = StoreSchema.ReadFormat(db);
        if (format is null)
        {
            throw Errors.FileCorrupt(fullPath, "is marked as a LiteDatasets store but has no format record; it is damaged.");
        }

        if (format > StoreFormat.CurrentVersion)
        {
            throw Errors.UnsupportedFormat(fullPath, format.Value);
        }
    }

    private static LiteDatabase CreateDatabase(PageStream data, PageStream? log, bool readOnly)
    {
        var engine = new LiteEngine(new EngineSettings
        {
            DataStream = data,
            LogStream = log,
            Collation = Collation.Binary,
            ReadOnly = readOnly,
            AutoRebuild = false,
        });
        return new LiteDatabase(engine, mapper: null, disposeOnClose: true);
    }

    private static byte[] ReadIdentity(FileStream file)
    {
        var header = new byte[StoreFormat.PageSize];
        file.Position = 0;
        file.ReadExactly(header);
        return JournalStream.DataFileIdentity(header);
    }

    private static void ThrowUnlessStore(string fullPath, FileKind kind, int format)
    {
        switch (kind)
        {
            case FileKind.Store:
                return;
            case FileKind.NewerStore:
                throw Errors.UnsupportedFormat(fullPath, format);
            case FileKind.Empty:
                throw Errors.FileCorrupt(fullPath, "is empty; a read-only open cannot turn it into a store.");
            case FileKind.ForeignLiteDb:
                throw Errors.FileCorrupt(fullPath, "is a LiteDB database but not a LiteDatasets store. Open a LiteDatasets file, or an empty path to create one.");
            case FileKind.EncryptedLiteDb:
                throw Errors.FileCorrupt(fullPath, "is a password-protected LiteDB database, which LiteDatasets does not open. LiteDatasets files are not encrypted; use disk encryption instead.");
            default:
                throw Errors.FileCorrupt(fullPath, "is not a LiteDatasets store (it is not a LiteDB database, or it is truncated or damaged).");
        }
    }
}
