using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.IO;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>Opening a store: in memory, or a file that is created, repaired or upgraded as needed.</summary>
internal sealed partial class ExclusiveConnection
{
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
        var file = OpenLocked(path, readOnly);
        var journalPath = path + StoreFiles.JournalSuffix;
        var journalExisted = File.Exists(journalPath);
        JournalFile? journal = null;
        ExclusiveConnection? connection = null;
        try
        {
            EnsureStore(path, file, journalPath, readOnly, formats.Version);

            // Until the file has proven to be a healthy store, LiteDB may not write to it. Without durability
            // nothing is synced: a commit written to the OS survives a process kill, which is all Durable = false
            // promises.
            var stateId = StoreFiles.ReadStateId(path, file);
            journal = readOnly ? StoreFiles.OpenJournalReadOnly(journalPath, stateId) : StoreFiles.OpenJournal(journalPath, stateId, durable, FileShare.None, OwnFiles.ModeOf(file));
            Action syncData = () => file.Flush(flushToDisk: durable);
            var engine = StoreFiles.OpenEngine(path, new PageStream(file, syncData) { Frozen = readOnly, CheckpointWritesOnly = true }, journal.OpenView(frozen: readOnly), settings, upgradable: true);
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
            AbandonOpen(path, file, journal, existed, journalExisted, readOnly);
            if (ex is IOException)
            {
                throw Errors.Storage("opening the store", ex, path);
            }

            throw;
        }
    }

    /// <summary>Opens the file at <paramref name="path"/> with an exclusive lock; a lock held by another process is reported as such.</summary>
    private static FileStream OpenLocked(string path, bool readOnly)
    {
        try
        {
            return new FileStream(path, readOnly ? FileMode.Open : FileMode.OpenOrCreate, readOnly ? FileAccess.Read : FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        }
        catch (IOException ex) when (FileLocks.IsLockConflict(ex))
        {
            throw Errors.FileLocked(path);
        }
    }

    /// <summary>
    /// Makes sure <paramref name="file"/> holds a store: an empty file gets a new one and a partial last page is
    /// repaired (unless read-only); anything else that is not a store is refused.
    /// </summary>
    private static void EnsureStore(string path, FileStream file, string journalPath, bool readOnly, int formatVersion)
    {
        var (kind, format) = FileInspection.Inspect(file, formatVersion);
        if (kind == FileKind.Empty && !readOnly)
        {
            CreateStore(path, file, formatVersion);
            kind = FileKind.Store;
        }
        else if (kind == FileKind.PartialPage && !readOnly)
        {
            StoreFiles.RepairPartialPage(path, file, journalPath);
            (kind, format) = FileInspection.Inspect(file, formatVersion);
        }

        StoreFiles.ThrowUnlessStore(path, kind, format, formatVersion);
    }

    /// <summary>
    /// Undoes an open that failed before a connection existed: releases the journal and the file, and deletes
    /// the journal and the file if this open created them and nothing was committed.
    /// </summary>
    private static void AbandonOpen(string path, FileStream file, JournalFile? journal, bool existed, bool journalExisted, bool readOnly)
    {
        var journalPath = path + StoreFiles.JournalSuffix;
        var committed = journal is { HasPages: true };
        journal?.Release();
        if (!journalExisted && !readOnly && !committed)
        {
            Quietly(() => File.Delete(journalPath));
        }

        // A file this open created holds at most the empty store it wrote: nothing of anyone's is lost with it.
        var created = !existed && !committed;
        file.Dispose();
        if (created)
        {
            Quietly(() => File.Delete(path));
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
