using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.IO;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// An open store: LiteDB engines over the store's files and the rules for running calls on them. Every call runs
/// through <see cref="Read{T}"/>, <see cref="Write{T}"/> or <see cref="Exclusive{T}"/>, and its body reaches the
/// engine through <see cref="Database"/>. When LiteDB itself fails inside a call (a full disk, an I/O error), the
/// call leaves no trace: the engine is replaced by one that reads the files afresh, and the error is reported as
/// <see cref="ErrorCode.StorageFull"/> or <see cref="ErrorCode.StorageFailure"/>. Damage that a call meets in the
/// file is reported as <see cref="ErrorCode.FileCorrupt"/> naming it (see <see cref="StoreFailures"/>).
/// </summary>
internal abstract class StoreConnection : IDisposable
{
    protected StoreConnection(string? path, StoreSettings settings)
    {
        Path = path;
        Settings = settings;
    }

    /// <summary>Gets the real path of the store file (links resolved), or null in memory.</summary>
    public string? Path { get; }

    /// <summary>Gets whether writes are refused.</summary>
    public bool ReadOnly => Settings.ReadOnly;

    /// <summary>Gets whether several processes may use the file (see <see cref="SharedConnection"/>).</summary>
    public abstract bool Shared { get; }

    /// <summary>Gets the file's format version (see <see cref="FormatPlan"/>).</summary>
    public int FormatVersion { get; protected set; }

    /// <summary>Gets the database of the running call.</summary>
    public LiteDatabase Database => Engine.Database;

    /// <summary>Gets the storage port's rows of the running call.</summary>
    public LiteDbRows Rows => Engine.Rows;

    /// <summary>Gets the engine of the running call.</summary>
    protected abstract EngineInstance Engine { get; }

    /// <summary>Gets the journal, when one is open (for durability tests and diagnostics).</summary>
    public abstract JournalFile? Journal { get; }

    /// <summary>Gets the settings the store was opened with.</summary>
    public StoreSettings Settings { get; }

    /// <summary>Gets whether closing ends this store's registration in <see cref="FileLocks"/> (set once the open succeeded).</summary>
    protected bool Registered { get; private set; }

    /// <summary>Gets how the file is named in messages.</summary>
    protected string DisplayPath => Path ?? "(memory)";

    /// <summary>Opens (or creates) the store file named by <paramref name="settings"/>.</summary>
    public static StoreConnection OpenFile(StoreSettings settings)
    {
        Guard.NotBlank(settings.Path, nameof(settings) + "." + nameof(settings.Path));
        var path = RealPath.Resolve(settings.Path);
        if (settings.ReadOnly && !File.Exists(path))
        {
            throw new FileNotFoundException($"The store file '{path}' does not exist; a read-only open cannot create it.", path);
        }

        FileLocks.Register(path, settings.Shared);
        try
        {
            StoreConnection connection = settings.Shared ? SharedConnection.Open(path, settings) : ExclusiveConnection.OpenFile(path, settings);
            connection.Registered = true;
            return connection;
        }
        catch (Exception ex) when (!settings.ReadOnly && (ex is UnauthorizedAccessException || Errors.IsReadOnlyFileSystem(ex)))
        {
            // The file system refuses to let the file (or its journal) be written: a read-only open would work.
            FileLocks.Unregister(path);
            throw Errors.NotWritable(path, ex is LiteDatasetsException { InnerException: { } cause } ? cause : ex);
        }
        catch
        {
            FileLocks.Unregister(path);
            throw;
        }
    }

    /// <summary>Opens a store that lives in memory only.</summary>
    public static StoreConnection OpenInMemory(StoreSettings settings) => ExclusiveConnection.InMemory(settings);

    /// <summary>Runs a read; the body may run twice if the engine had to be replaced under it.</summary>
    public abstract T Read<T>(Func<T> body);

    /// <summary>
    /// Runs a write as one LiteDB transaction on this thread: committed when the body reports a change, rolled
    /// back otherwise and on any exception. The body must not await: LiteDB binds a transaction to its thread.
    /// </summary>
    /// <param name="body">The write.</param>
    /// <param name="ended">
    /// Called, when the connection syncs after letting the next writer in (group commit), once the transaction has
    /// ended and before its commit is durable: a caller lets go there of what orders its writes (a dataset's lock), so
    /// that the next writer's commit shares the sync. The caller still lets go when the call returns.
    /// </param>
    public abstract T Write<T>(Func<(T Result, bool Changed)> body, Action? ended = null);

    /// <summary>
    /// Runs a write as <see cref="Write{T}"/> does, for a body that may run more than once and on another thread: it
    /// reads its input only from values fixed before the call and from the rows, and keeps nothing from a run that is
    /// rolled back. A connection may then commit it in one transaction with other writers' bodies.
    /// </summary>
    public virtual T WriteRepeatable<T>(Func<(T Result, bool Changed)> body, Action? ended = null) => Write(body, ended);

    /// <summary>Runs a call while no other call of this store (or, in shared mode, of any process) runs.</summary>
    public abstract T Exclusive<T>(Func<T> body);

    /// <summary>
    /// Runs a long read of the whole store (a backup) in one read transaction that sees one point in time. In
    /// exclusive mode other calls, reads and writes, go on meanwhile; in shared mode every call runs alone anyway.
    /// </summary>
    public abstract T Snapshot<T>(Func<LiteDatabase, T> body);

    /// <summary>
    /// Inside <see cref="Exclusive{T}"/>, readies the store to read on after <paramref name="damage"/>, which the
    /// call reports rather than throws (as <c>Verify</c> does): an engine that LiteDB closed is replaced.
    /// </summary>
    public abstract void RecoverFromDamage(Exception damage);

    /// <summary>Closes the store: checkpoints when it can (the journal keeps the commits when it cannot), and releases the files. Never throws.</summary>
    public abstract void Dispose();

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction of <paramref name="db"/>. The body's own exceptions pass
    /// through once the transaction is rolled back; when LiteDB fails (it cannot begin, commit or roll back), an
    /// <see cref="EngineFault"/> says the engine must be replaced.
    /// </summary>
    protected static T RunTransaction<T>(LiteDatabase db, Func<(T Result, bool Changed)> body)
    {
        bool began;
        try
        {
            began = db.BeginTrans();
        }
        catch (Exception ex)
        {
            throw new EngineFault(ex);
        }

        if (!began)
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread; store calls cannot be nested inside a write.");
        }

        (T Result, bool Changed) outcome;
        try
        {
            outcome = body();
        }
        catch
        {
            // A rollback that fails means LiteDB is broken (it closes itself after an I/O error); one that
            // succeeds means the body refused the call, and its exception is the answer.
            try
            {
                db.Rollback();
            }
            catch (Exception ex)
            {
                throw new EngineFault(ex);
            }

            throw;
        }

        try
        {
            if (!outcome.Changed)
            {
                db.Rollback();
            }
            else if (!db.Commit())
            {
                throw new InvalidOperationException("LiteDB refused to commit the transaction.");
            }
        }
        catch (Exception ex)
        {
            throw new EngineFault(ex);
        }

        return outcome.Result;
    }

    /// <summary>
    /// Begins a read transaction of <paramref name="db"/> on this thread and takes its snapshot of every
    /// collection: LiteDB takes one per collection, when the transaction first reads it, so reading them all at
    /// once (while no write can commit) makes the whole transaction one point in time. The caller rolls it back.
    /// </summary>
    protected static void BeginSnapshot(LiteDatabase db)
    {
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread; a copy of the store cannot run inside another call.");
        }

        try
        {
            foreach (var name in StoreSchema.Collections)
            {
                LiteDbCalls.Run(() => db.GetCollection(name).Exists(Query.All()));
            }
        }
        catch
        {
            db.Rollback();
            throw;
        }
    }

    /// <summary>Whether an exception from a read means LiteDB failed (rather than the call being refused).</summary>
    protected static bool IsEngineFailure(Exception ex) => ex is IOException or LiteException or EngineFault;

    /// <summary>
    /// The error a caller gets for a failure of LiteDB or the disk while <paramref name="operation"/>, or for damage
    /// found in the file (<see cref="ErrorCode.FileCorrupt"/>, naming it).
    /// </summary>
    protected LiteDatasetsException Failure(string operation, Exception ex) => StoreFailures.ToError(operation, ex, DisplayPath);
}
