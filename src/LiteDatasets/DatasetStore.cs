using System.Collections.Concurrent;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

/// <summary>
/// A store of versioned evaluation datasets in one LiteDB file (or in memory). This is the front door:
/// open one with <see cref="Open(string)"/>, create datasets, add and change items (each write call is one
/// atomic, durable commit that creates at most one version), and read any version back exactly.
/// </summary>
/// <remarks>
/// <para>Thread safety: all members are safe to call from any number of threads. Writers to one dataset
/// are serialised by a per-dataset lock; readers never wait for writers and never see a partial commit.</para>
/// <para>One owner per file: while a store is open, a second open of the same file, from this process or
/// another, fails with <see cref="ErrorCode.FileLocked"/> unless every opener set
/// <see cref="DatasetStoreOptions.Shared"/>.</para>
/// </remarks>
public sealed partial class DatasetStore : IDisposable
{
    private readonly StoreConnection _connection;
    private readonly DatasetStoreOptions _options;
    private readonly TimeProvider _clock;

    // Writers and readers hold the gate shared; Dispose and Backup hold it exclusively, so that neither
    // runs while a call is inside LiteDB.
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.SupportsRecursion);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _datasetLocks = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    private DatasetStore(StoreConnection connection, DatasetStoreOptions options)
    {
        _connection = connection;
        _options = options;
        _clock = options.TimeProvider ?? TimeProvider.System;
        var db = connection.Database;
        DatasetRows = db.GetCollection(StoreSchema.Datasets);
        RevisionRows = db.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);
        VersionRows = db.GetCollection(StoreSchema.Versions);
        TagRows = db.GetCollection(StoreSchema.Tags, BsonAutoId.Int64);
        SchemaRows = db.GetCollection(StoreSchema.Schemas, BsonAutoId.Int64);
        MetaRows = db.GetCollection(StoreSchema.Meta);
    }

    /// <summary>Gets whether this store refuses writes (<see cref="DatasetStoreOptions.ReadOnly"/>).</summary>
    public bool IsReadOnly => _connection.ReadOnly;

    /// <summary>
    /// Gets the format version of the open file: the one this build writes (files of an older format are
    /// upgraded when opened for writing; see <see cref="DatasetStoreOptions.UpgradeFormat"/>).
    /// </summary>
    public int FormatVersion => _connection.FormatVersion;

    internal StoreConnection Connection => _connection;

    private ILiteCollection<BsonDocument> DatasetRows { get; }

    private ILiteCollection<BsonDocument> RevisionRows { get; }

    private ILiteCollection<BsonDocument> VersionRows { get; }

    private ILiteCollection<BsonDocument> TagRows { get; }

    private ILiteCollection<BsonDocument> SchemaRows { get; }

    private ILiteCollection<BsonDocument> MetaRows { get; }

    /// <summary>Opens the store file at <paramref name="path"/>, creating it if it is missing or empty.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.FileLocked"/> if the file is open elsewhere; <see cref="ErrorCode.FileCorrupt"/> if it
    /// is not a store (the file is left unchanged); <see cref="ErrorCode.UnsupportedFormat"/> if a newer build wrote it
    /// (or it has an older format and the open may not upgrade it); <see cref="ErrorCode.StorageFailure"/> if upgrading
    /// an older format failed (the failed step is rolled back).
    /// </exception>
    public static DatasetStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Open(new DatasetStoreOptions { Path = path });
    }

    /// <summary>Opens a store file with explicit options.</summary>
    /// <param name="options">Where the file is and how to open it; <see cref="DatasetStoreOptions.Path"/> is required.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="FileNotFoundException">A read-only open names a missing file.</exception>
    /// <exception cref="LiteDatasetsException">As for <see cref="Open(string)"/>.</exception>
    public static DatasetStore Open(DatasetStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DatasetStore(StoreConnection.OpenFile(options), options);
    }

    /// <summary>Opens a new, empty store that lives in memory only.</summary>
    /// <param name="options">Settings such as the clock; <see cref="DatasetStoreOptions.Path"/> is ignored.</param>
    /// <returns>The store; everything in it is lost when it is disposed.</returns>
    public static DatasetStore OpenInMemory(DatasetStoreOptions? options = null) =>
        new(StoreConnection.OpenInMemory(), options ?? new DatasetStoreOptions());

    /// <summary>
    /// Closes the store: waits for running calls, moves every commit into the data file (so the file alone
    /// holds everything and can be copied), and releases the file.
    /// </summary>
    public void Dispose()
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
            _connection.Dispose();
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>Runs a read under the gate, translating engine failures.</summary>
    private T Read<T>(Func<T> body)
    {
        EnterGate();
        try
        {
            return body();
        }
        catch (LiteException ex)
        {
            throw Translate(ex, "reading");
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    /// <summary>
    /// Runs one write as one LiteDB transaction on this thread, under the dataset's lock (when it names one):
    /// the body's changes are committed entirely when it reports a change, rolled back otherwise, and rolled
    /// back on any exception. The body must not await: LiteDB binds a transaction to its thread.
    /// </summary>
    private T Write<T>(string? datasetId, Func<(T Result, bool Changed)> body)
    {
        EnterGate();
        SemaphoreSlim? datasetLock = null;
        T result;
        try
        {
            if (_connection.ReadOnly)
            {
                throw Errors.ReadOnly();
            }

            if (datasetId is not null)
            {
                datasetLock = _datasetLocks.GetOrAdd(datasetId, static _ => new SemaphoreSlim(1, 1));
                if (!datasetLock.Wait(_options.LockTimeout))
                {
                    datasetLock = null;
                    throw Errors.Busy($"dataset '{datasetId}'", _options.LockTimeout);
                }
            }

            result = RunTransaction(body);
        }
        catch (LiteException ex)
        {
            throw Translate(ex, "writing");
        }
        finally
        {
            datasetLock?.Release();
            _gate.ExitReadLock();
        }

        MaybeCheckpoint();
        return result;
    }

    /// <summary>
    /// LiteDB's automatic checkpoints are off (the store's own change the data file's state id). After a
    /// write, when the journal has grown past <see cref="CheckpointThreshold"/> (or after every write in shared
    /// mode, as LiteDB itself would), the store checkpoints — if no other call is running; otherwise a later
    /// write, or closing, does it.
    /// </summary>
    private void MaybeCheckpoint()
    {
        if (_connection.ReadOnly || (!_connection.Shared && _connection.JournalLength < CheckpointThreshold) || !_gate.TryEnterWriteLock(0))
        {
            return;
        }

        try
        {
            if (!_disposed)
            {
                _connection.Checkpoint();
            }
        }
        catch (Exception ex) when (ex is LiteException or IOException)
        {
            // The write has committed and returns as such: its pages stay in the journal, and a later write,
            // or closing the store, checkpoints again (closing reports the failure if it persists). Failing
            // here would tell the caller a committed write failed, and a retry would apply it twice.
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    /// <summary>The journal size at which a write triggers a checkpoint.</summary>
    private const long CheckpointThreshold = 8 * 1024 * 1024;

    private T RunTransaction<T>(Func<(T Result, bool Changed)> body)
    {
        var db = _connection.Database;
        if (!db.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction is already open on this thread; store calls cannot be nested.");
        }

        bool committed = false;
        try
        {
            var (result, changed) = body();
            if (changed)
            {
                if (!db.Commit())
                {
                    throw new LiteDatasetsException(ErrorCode.StorageFailure, "LiteDB refused to commit the transaction; nothing was written.");
                }

                committed = true;
            }

            return result;
        }
        finally
        {
            if (!committed)
            {
                db.Rollback();
            }
        }
    }

    /// <summary>Takes a dataset's writer lock and holds it until disposed (tests use this to provoke <see cref="ErrorCode.Busy"/>).</summary>
    internal IDisposable HoldDatasetLock(string datasetId)
    {
        var datasetLock = _datasetLocks.GetOrAdd(datasetId, static _ => new SemaphoreSlim(1, 1));
        datasetLock.Wait();
        return new Releaser(datasetLock);
    }

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }

    private void EnterGate()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_gate.TryEnterReadLock(_options.LockTimeout))
        {
            throw Errors.Busy("the store", _options.LockTimeout);
        }

        if (_disposed)
        {
            _gate.ExitReadLock();
            throw new ObjectDisposedException(nameof(DatasetStore));
        }
    }

    private static LiteDatasetsException Translate(LiteException ex, string operation) => ex.ErrorCode switch
    {
        LiteException.LOCK_TIMEOUT => new LiteDatasetsException(ErrorCode.Busy, "The storage engine could not get a lock in time because other work holds it. Retry later.", ex),
        _ => Errors.StorageFailure(operation, ex),
    };

    private long Now() => Time.Now(_clock);
}
