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
    private Guid _stateId;

    // The state id a checkpoint that failed half-way was moving to: the data file may already carry it, so a
    // retry must move to the same one (the journal's header then still names both possible states).
    private Guid? _pendingState;
    private bool _registered;
    private bool _disposed;

    private StoreConnection(LiteDatabase database, string? fullPath, bool readOnly, bool shared, FileStream? lockHandle, PageStream? data, JournalStream? journal, Guid stateId)
    {
        Database = database;
        FormatVersion = StoreSchema.ReadFormat(database) ?? 0;
        _fullPath = fullPath;
        ReadOnly = readOnly;
        Shared = shared;
        _lockHandle = lockHandle;
        _data = data;
        _journal = journal;
        _stateId = stateId;
    }

    /// <summary>Gets the LiteDB database.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Gets whether writes are refused.</summary>
    public bool ReadOnly { get; }

    /// <summary>Gets the file's format version (see <see cref="FormatPlan"/>).</summary>
    public int FormatVersion { get; private set; }

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
        var stateId = WriteNewStore(data.Inner, FormatPlan.Current.Version);
        var journal = new JournalStream(new MemoryStream(), static () => { }, durable: false);
        journal.SetOwners(stateId, Guid.Empty);
        return new StoreConnection(CreateDatabase(data, journal, readOnly: false), null, readOnly: false, shared: false, null, data, journal, stateId);
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
            var connection = options.Shared ? OpenShared(fullPath, options) : OpenExclusive(fullPath, options);

            // From here on the connection's Dispose ends the registration.
            connection._registered = true;
            return connection;
        }
        catch
        {
            FileLocks.Unregister(fullPath);
            throw;
        }
    }

    /// <summary>Gets the size of the journal's pages: what a checkpoint would move into the data file.</summary>
    public long JournalLength => _journal?.PagesLength ?? 0;

    /// <summary>Brings the store up to the format of <paramref name="formats"/> (see <see cref="FormatPlan.Upgrade"/>).</summary>
    public void Upgrade(FormatPlan formats)
    {
        formats.Upgrade(Database, FormatVersion, _fullPath ?? "(memory)");
        FormatVersion = formats.Version;
    }

    /// <summary>
    /// Moves everything committed from the journal into the data file, giving the data file a new state id
    /// on the way. The journal's header names both the old and the new id while the checkpoint runs, so a
    /// crash at any moment leaves a journal that matches the data file it was written for, and a journal
    /// from any other state of the file never does. Callers make sure no other call is inside LiteDB.
    /// </summary>
    public void Checkpoint()
    {
        if (ReadOnly)
        {
            return;
        }

        if (_journal is null)
        {
            // Shared mode: LiteDB's own log, checkpointed by LiteDB.
            Database.Checkpoint();
            return;
        }

        if (!_journal.HasPages)
        {
            return;
        }

        var next = _pendingState ??= Guid.NewGuid();
        _journal.SetOwners(_stateId, next);
        StoreSchema.WriteStateId(Database, next);
        Database.Checkpoint();
        _stateId = next;
        _pendingState = null;
        _journal.SetOwners(next, Guid.Empty);
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

                if (_registered)
                {
                    FileLocks.Unregister(_fullPath);
                }
            }
        }
    }

    private static StoreConnection OpenExclusive(string fullPath, DatasetStoreOptions options)
    {
        var (readOnly, durable, formats) = (options.ReadOnly, options.Durable, options.Formats);
        FileStream file;
        try
        {
            file = new FileStream(fullPath, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(fullPath);
        }

        var journalPath = fullPath + JournalSuffix;
        var journalExisted = File.Exists(journalPath);
        JournalStream? journal = null;
        LiteDatabase? db = null;
        StoreConnection? connection = null;
        try
        {
            var (kind, format) = FileInspection.Inspect(file, formats.Version);
            if (kind == FileKind.Empty && !readOnly)
            {
                WriteNewStore(file, formats.Version);
                file.Flush(flushToDisk: true);
                kind = FileKind.Store;
            }

            ThrowUnlessStore(fullPath, kind, format, formats.Version);

            // Until the file has proven to be a healthy store, LiteDB may not write to it.
            // Without durability nothing is synced: a commit written to the OS survives a process kill, which
            // is all Durable = false promises.
            var data = new PageStream(file, () => file.Flush(flushToDisk: durable)) { Frozen = true };
            if (!readOnly)
            {
                RecoverSharedModeLog(fullPath, data);
            }

            var stateId = ReadStateId(fullPath, data);
            journal = OpenJournal(journalPath, stateId, readOnly, durable);
            db = OpenDatabase(fullPath, data, journal, options);
            data.Frozen = readOnly;
            connection = new StoreConnection(db, fullPath, readOnly, shared: false, null, data, journal, stateId);
            if (!readOnly)
            {
                connection.Upgrade(formats);
            }

            connection.Checkpoint();
            return connection;
        }
        catch when (connection is not null)
        {
            // Something was committed (an upgrade step, say): closing checkpoints it, and keeps the journal
            // if even that fails. The error to report is the first one.
            try
            {
                connection.Dispose();
            }
            catch (Exception ex) when (ex is IOException or LiteException)
            {
                // Reported through the original exception's path; the journal still holds the commits.
            }

            throw;
        }
        catch
        {
            db?.Dispose();
            var committed = journal is { HasPages: true };
            journal?.Release();
            if (!journalExisted && !readOnly && !committed)
            {
                File.Delete(journalPath);
            }

            file.Dispose();
            throw;
        }
    }

    private static StoreConnection OpenShared(string fullPath, DatasetStoreOptions options)
    {
        var readOnly = options.ReadOnly;
        EnsureExclusiveWorkDone(fullPath, options);

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
            var (kind, format) = FileInspection.Inspect(lockHandle, options.Formats.Version);
            ThrowUnlessStore(fullPath, kind, format, options.Formats.Version);
            SetAsideForeignLog(fullPath, lockHandle);
            var connectionString = new ConnectionString
            {
                Filename = fullPath,
                Connection = ConnectionType.Shared,
                ReadOnly = readOnly,
                Collation = Collation.Binary,
            };
            LiteDatabase? db = null;
            try
            {
                db = new LiteDatabase(connectionString);
                CheckFormatRecord(fullPath, db, options, upgradable: false);
            }
            catch (LiteDatasetsException)
            {
                db?.Dispose();
                throw;
            }
            catch (Exception ex)
            {
                db?.Dispose();
                throw Errors.FileCorrupt(fullPath, "could not be opened as a LiteDatasets store (" + ex.Message + ").", ex);
            }

            return new StoreConnection(db, fullPath, readOnly, shared: true, lockHandle, null, null, Guid.Empty);
        }
        catch
        {
            lockHandle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Before a shared open: creates a missing store, replays a journal left by a crashed exclusive session
    /// and upgrades an older format, all through a short exclusive open. If another process holds the file,
    /// it has created or recovered the store (an older format is then refused by the shared open).
    /// </summary>
    private static void EnsureExclusiveWorkDone(string fullPath, DatasetStoreOptions options)
    {
        var info = new FileInfo(fullPath);
        var needsCreate = !info.Exists || info.Length == 0;
        var journal = new FileInfo(fullPath + JournalSuffix);
        var needsRecovery = journal.Exists && journal.Length > StoreFormat.PageSize;
        var needsUpgrade = !needsCreate && options is { ReadOnly: false, UpgradeFormat: true } && IsOlderFormat(fullPath, options.Formats.Version);
        if ((!needsCreate || options.ReadOnly) && !needsRecovery && !needsUpgrade)
        {
            return;
        }

        try
        {
            OpenExclusive(fullPath, options with { Durable = true }).Dispose();
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.FileLocked)
        {
            // Another process has the file open; it created or recovered the store.
        }
    }

    /// <summary>Whether the file's header marks a store of a format below <paramref name="current"/>.</summary>
    private static bool IsOlderFormat(string fullPath, int current)
    {
        try
        {
            using var probe = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return FileInspection.Inspect(probe, current) is (FileKind.Store, var format) && format < current;
        }
        catch (IOException)
        {
            // Held by another process: it cannot be upgraded now, and the shared open says so.
            return false;
        }
    }

    /// <summary>Writes a new, empty store of format <paramref name="format"/> into an empty stream (built in memory, then copied at once) and returns its state id.</summary>
    private static Guid WriteNewStore(Stream target, int format)
    {
        var image = new MemoryStream();
        Guid stateId;
        using (var db = CreateDatabase(new PageStream(image, static () => { }), null, readOnly: false))
        {
            StoreSchema.Initialize(db, format);
            db.Checkpoint();
            stateId = StoreSchema.ReadStateId(db)!.Value;
        }

        target.Position = 0;
        image.WriteTo(target);
        return stateId;
    }

    /// <summary>Reads the data file's state id through a read-only engine that sees the data file alone.</summary>
    private static Guid ReadStateId(string fullPath, PageStream data)
    {
        try
        {
            using var db = CreateDatabase(data, null, readOnly: true);
            return StoreSchema.ReadStateId(db) ?? throw Errors.FileCorrupt(fullPath, "has no state record; it is damaged.");
        }
        catch (Exception ex) when (ex is not LiteDatasetsException)
        {
            throw Errors.FileCorrupt(fullPath, "is damaged: LiteDB could not read it (" + ex.Message + ").", ex);
        }
    }

    private static JournalStream OpenJournal(string journalPath, Guid stateId, bool readOnly, bool durable)
    {
        if (readOnly)
        {
            // Replay a matching journal read-only (LiteDB keeps the replay in memory); ignore any other.
            if (File.Exists(journalPath))
            {
                var existing = new FileStream(journalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
                if (Belongs(JournalStream.ReadOwners(existing), stateId))
                {
                    return new JournalStream(existing, static () => { }, durable: false) { Frozen = true };
                }

                existing.Dispose();
            }

            var empty = new MemoryStream();
            JournalStream.WriteOwners(empty, stateId, Guid.Empty, static () => { });
            return new JournalStream(empty, static () => { }, durable: false);
        }

        var file = new FileStream(journalPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        try
        {
            if (file.Length > 0 && !Belongs(JournalStream.ReadOwners(file), stateId))
            {
                // A journal written for another data file, or for another state of this one, must never be
                // replayed into it. Keep it aside for inspection instead of deleting anything.
                file.Dispose();
                SetAside(journalPath);
                file = new FileStream(journalPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
            }

            var handle = file;
            var journal = new JournalStream(file, () => handle.Flush(flushToDisk: durable), durable);
            if (file.Length == 0)
            {
                journal.SetOwners(stateId, Guid.Empty);
            }

            return journal;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether a journal's header names the data file's current state (as owner, or as the state a checkpoint was moving to).</summary>
    private static bool Belongs((Guid Owner, Guid Next)? owners, Guid stateId) =>
        owners is { } o && (o.Owner == stateId || (o.Next != Guid.Empty && o.Next == stateId));

    /// <summary>Renames a file that must not be used, keeping it for inspection.</summary>
    private static void SetAside(string path) =>
        File.Move(path, path + ".stale-" + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Replays LiteDB's own log (<c>-log</c> beside the file), which only a crashed shared-mode session leaves
    /// behind, so that an exclusive open loses none of its commits. A log whose header copies name another
    /// database is set aside instead.
    /// </summary>
    private static void RecoverSharedModeLog(string fullPath, PageStream data)
    {
        var logPath = LiteDbLogPath(fullPath);
        if (!File.Exists(logPath) || new FileInfo(logPath).Length == 0)
        {
            return;
        }

        if (SetAsideForeignLog(fullPath, data))
        {
            return;
        }

        data.Frozen = false;
        using (var log = new FileStream(logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        {
            var logStream = new PageStream(log, () => log.Flush(flushToDisk: true));
            using var db = CreateDatabase(data, logStream, readOnly: false);
            db.Checkpoint();
        }

        data.Frozen = true;
        File.Delete(logPath);
    }

    /// <summary>Sets LiteDB's log beside the file aside if its header copies name another database; returns whether it did.</summary>
    private static bool SetAsideForeignLog(string fullPath, Stream data)
    {
        var logPath = LiteDbLogPath(fullPath);
        if (!File.Exists(logPath))
        {
            return false;
        }

        var header = new byte[StoreFormat.PageSize];
        data.Position = 0;
        data.ReadExactly(header);
        bool foreign;
        using (var probe = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0))
        {
            foreign = FileInspection.IsForeignLog(probe, header);
        }

        if (foreign)
        {
            SetAside(logPath);
        }

        return foreign;
    }

    private static string LiteDbLogPath(string fullPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fullPath) ?? "", System.IO.Path.GetFileNameWithoutExtension(fullPath) + "-log" + System.IO.Path.GetExtension(fullPath));

    private static LiteDatabase OpenDatabase(string fullPath, PageStream data, JournalStream journal, DatasetStoreOptions options)
    {
        LiteDatabase? db = null;
        try
        {
            db = CreateDatabase(data, journal, options.ReadOnly);
            CheckFormatRecord(fullPath, db, options, upgradable: true);
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

    /// <summary>
    /// Checks the format record (which, after a journal replay, may be ahead of the header's marker): a newer
    /// format is refused, and so is an older one that this open may not upgrade.
    /// </summary>
    private static void CheckFormatRecord(string fullPath, LiteDatabase db, DatasetStoreOptions options, bool upgradable)
    {
        var current = options.Formats.Version;
        var format = StoreSchema.ReadFormat(db) ?? throw Errors.FileCorrupt(fullPath, "is marked as a LiteDatasets store but has no format record; it is damaged.");
        if (format > current)
        {
            throw Errors.UnsupportedFormat(fullPath, format, current);
        }

        if (format < current && (options.ReadOnly || !options.UpgradeFormat || !upgradable))
        {
            throw Errors.UpgradeNeeded(fullPath, format, current,
                options.ReadOnly ? "it was opened read-only" : !options.UpgradeFormat ? "UpgradeFormat is off" : "another process has it open, so it cannot be upgraded now");
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
        var db = new LiteDatabase(engine, mapper: null, disposeOnClose: true);
        TransactionMemory.Limit(db);
        return db;
    }

    private static void ThrowUnlessStore(string fullPath, FileKind kind, int format, int current)
    {
        switch (kind)
        {
            case FileKind.Store:
                return;
            case FileKind.NewerStore:
                throw Errors.UnsupportedFormat(fullPath, format, current);
            case FileKind.Empty:
                throw Errors.FileCorrupt(fullPath, "is empty; a read-only open cannot turn it into a store.");
            case FileKind.ForeignLiteDb:
                throw Errors.FileCorrupt(fullPath, "is a LiteDB database but not a LiteDatasets store. Open a LiteDatasets file, or an empty path to create one.");
            case FileKind.TruncatedStore:
                throw Errors.FileCorrupt(fullPath, "is a LiteDatasets store that has lost pages at its end (it was truncated). Restore it from a backup.");
            case FileKind.EncryptedLiteDb:
                throw Errors.FileCorrupt(fullPath, "is a password-protected LiteDB database, which LiteDatasets does not open. LiteDatasets files are not encrypted; use disk encryption instead.");
            default:
                throw Errors.FileCorrupt(fullPath, "is not a LiteDatasets store (it is not a LiteDB database, or it is truncated or damaged).");
        }
    }
}
