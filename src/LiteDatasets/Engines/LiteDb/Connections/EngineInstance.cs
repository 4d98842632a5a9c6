using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDB;
using LiteDB.Engine;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// One LiteDB engine over the store's data file and journal, through views of its own. An engine that failed
/// (a full disk, say, can leave a transaction open that LiteDB cannot roll back) is abandoned: its views are
/// frozen, so it can never write again, and a new engine reads the files afresh.
/// </summary>
internal sealed class EngineInstance : IDisposable
{
    private EngineInstance(LiteDatabase database, PageStream data, PageStream? log)
    {
        Database = database;
        Data = data;
        Log = log;
    }

    /// <summary>Gets the database.</summary>
    public LiteDatabase Database { get; }

    /// <summary>Gets the storage port's rows over <see cref="Database"/> (made once: they hold no state of a call).</summary>
    public LiteDbRows Rows => field ??= new LiteDbRows(Database);

    /// <summary>Gets the engine's view of the data file.</summary>
    public PageStream Data { get; }

    /// <summary>Gets the engine's view of the journal (null: the engine keeps its log in memory).</summary>
    public PageStream? Log { get; }

    /// <summary>Opens an engine; <paramref name="poolPages"/> bounds the memory of its transactions (see <see cref="TransactionMemory"/>).</summary>
    public static EngineInstance Open(PageStream data, PageStream? log, bool readOnly, int poolPages = TransactionMemory.PoolPages)
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
        TransactionMemory.Limit(db, poolPages);
        return new EngineInstance(db, data, log);
    }

    /// <summary>Freezes the engine's views and disposes it, ignoring what a failed engine throws on the way.</summary>
    public void Abandon()
    {
        Data.Frozen = true;
        if (Log is not null)
        {
            Log.Frozen = true;
        }

        TransactionMemory.ForgetTransactions(Database);
        try
        {
            Database.Dispose();
        }
#pragma warning disable CA1031 // A failed engine may fail in any way while closing; it can no longer touch the files.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        TransactionMemory.DropThreadTransactions(Database);
    }

    /// <summary>
    /// Closes the engine. A transaction whose own disposal threw once (LiteDB then skips suppressing its finalizer)
    /// would be disposed again by the finalizer thread once the engine is gone, and fail there, ending the process;
    /// closing forgets every open transaction first, as abandoning does.
    /// </summary>
    public void Dispose()
    {
        TransactionMemory.ForgetTransactions(Database);
        Database.Dispose();
    }
}
