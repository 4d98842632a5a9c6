using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.IO;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// One operation of a <see cref="SharedConnection"/>, run while it holds the file's lock: the engine and the
/// journal it uses, and how it ends. A journal that holds pages when the operation begins was left by an operation
/// that did not finish (a killed process): it is replayed if it belongs to the data file's state, else set aside.
/// </summary>
internal sealed class SharedOperation
{
    private readonly bool _readOnly;
    private readonly Guid _stateId;

    private SharedOperation(EngineInstance engine, JournalFile journal, Guid stateId, bool readOnly)
    {
        Engine = engine;
        Journal = journal;
        _stateId = stateId;
        _readOnly = readOnly;
        FormatVersion = StoreSchema.ReadFormat(engine.Database) ?? 0;
    }

    /// <summary>Gets the thread that runs the operation.</summary>
    public int Thread { get; } = Environment.CurrentManagedThreadId;

    /// <summary>Gets the operation's engine.</summary>
    public EngineInstance Engine { get; }

    /// <summary>Gets the journal the operation writes.</summary>
    public JournalFile Journal { get; }

    /// <summary>Gets the store's format version.</summary>
    public int FormatVersion { get; }

    /// <summary>Opens the journal and an engine over the data file <paramref name="file"/>.</summary>
    public static SharedOperation Begin(string path, FileStream file, string journalPath, StoreSettings settings)
    {
        var readOnly = settings.ReadOnly;
        var existing = new FileInfo(journalPath);
        var leftOver = existing is { Exists: true, Length: > StoreFormat.PageSize };

        // Only a journal with pages needs the data file's own state (an engine that sees the data file alone).
        Guid? dataState = leftOver ? StoreFiles.ReadStateId(path, file) : null;
        var journal = (readOnly, dataState) switch
        {
            (true, { } state) => StoreFiles.OpenJournalReadOnly(journalPath, state),
            (true, null) => new JournalFile(new MemoryStream(), static () => { }, durable: false),
            (false, { } state) => StoreFiles.OpenJournal(journalPath, state, settings.Durable, FileShare.ReadWrite, OwnFiles.ModeOf(file)),
            (false, null) => OpenEmptyJournal(journalPath, settings.Durable, OwnFiles.ModeOf(file)),
        };

        EngineInstance engine;
        try
        {
            Action syncData = () => file.Flush(flushToDisk: settings.Durable);
            engine = StoreFiles.OpenEngine(path, new PageStream(file, syncData) { Frozen = readOnly, CheckpointWritesOnly = true }, journal.OpenView(frozen: readOnly), settings, upgradable: false);
        }
        catch
        {
            // A store refused (an older format, say) keeps no journal it did not have.
            journal.Release();
            if (!readOnly && !existing.Exists)
            {
                File.Delete(journalPath);
            }

            throw;
        }

        // Without pages in the journal, the engine sees exactly the data file's state.
        var stateId = dataState ?? StoreSchema.ReadStateId(engine.Database) ?? Guid.Empty;
        if (!readOnly && dataState is null && JournalHeader.ReadOwners(journal.Inner) != (stateId, Guid.Empty))
        {
            journal.SetOwners(stateId, Guid.Empty);
        }

        return new SharedOperation(engine, journal, stateId, readOnly);
    }

    /// <summary>Ends an operation that went well: moves what the journal holds into the data file and closes.</summary>
    public void End()
    {
        if (!_readOnly && Journal.HasPages)
        {
            try
            {
                new Checkpointer(Journal, _stateId).Run(Engine);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The journal keeps the commit (also when LiteDB found a page damaged): the next operation, in
                // any process, replays it and tries again.
                Fail();
                return;
            }
        }

        try
        {
            Engine.Dispose();
        }
        catch (Exception ex) when (ex is IOException or LiteException)
        {
            Engine.Abandon();
        }

        Journal.Release();
    }

    /// <summary>Ends an operation whose engine failed: cuts the journal back to its last confirmed commit.</summary>
    public void Fail()
    {
        Engine.Abandon();
        try
        {
            if (!_readOnly)
            {
                Journal.TruncateToCommitted();
            }
        }
        catch (IOException)
        {
            // The next operation cuts it (pages after the last confirmed commit are never replayed anyway).
        }

        Journal.Release();
    }

    /// <summary>Opens (or creates) a journal that holds no pages; its header is written once the state is known.</summary>
    private static JournalFile OpenEmptyJournal(string journalPath, bool durable, UnixFileMode? mode)
    {
        var stream = OwnFiles.OpenOrCreate(journalPath, FileShare.ReadWrite, mode);
        return new JournalFile(stream, () => stream.Flush(flushToDisk: durable), durable);
    }
}
