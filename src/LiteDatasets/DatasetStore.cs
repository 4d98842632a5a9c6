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
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _datasetLocks = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    private DatasetStore(StoreConnection connection, DatasetStoreOptions options)
    {
        _connection = connection;
        _options = options;
        _clock = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Gets whether this store refuses writes (<see cref="DatasetStoreOptions.ReadOnly"/>).</summary>
    public bool IsReadOnly => _connection.ReadOnly;

    /// <summary>
    /// Gets the format version of the open file: the one this build writes (files of an older format are
    /// upgraded when opened for writing; see <see cref="DatasetStoreOptions.UpgradeFormat"/>).
    /// </summary>
    public int FormatVersion => _connection.FormatVersion;

    internal StoreConnection Connection => _connection;

    // The collections of the engine running the current call (an engine can be replaced after a failure, and in
    // shared mode every call has one of its own).
    private ILiteCollection<BsonDocument> DatasetRows => _connection.Database.GetCollection(StoreSchema.Datasets);

    private ILiteCollection<BsonDocument> RevisionRows => _connection.Database.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> VersionRows => _connection.Database.GetCollection(StoreSchema.Versions);

    private ILiteCollection<BsonDocument> TagRows => _connection.Database.GetCollection(StoreSchema.Tags, BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> SchemaRows => _connection.Database.GetCollection(StoreSchema.Schemas, BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> MetaRows => _connection.Database.GetCollection(StoreSchema.Meta);

    /// <summary>Opens the store file at <paramref name="path"/>, creating it if it is missing or empty.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.FileLocked"/> if the file is open elsewhere; <see cref="ErrorCode.FileCorrupt"/> if it
    /// is not a store (the file is left unchanged); <see cref="ErrorCode.UnsupportedFormat"/> if a newer build wrote it
    /// (or it has an older format and the open may not upgrade it); <see cref="ErrorCode.StorageFailure"/> if upgrading
    /// an older format failed (the failed step is rolled back); <see cref="ErrorCode.StorageFull"/> if the disk is too
    /// full to create the store or its journal.
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
    /// <exception cref="PlatformNotSupportedException"><see cref="DatasetStoreOptions.Shared"/> on a system other than Linux or Windows.</exception>
    public static DatasetStore Open(DatasetStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DatasetStore(StoreConnection.OpenFile(options), options);
    }

    /// <summary>Opens a new, empty store that lives in memory only.</summary>
    /// <param name="options">Settings such as the clock; <see cref="DatasetStoreOptions.Path"/> is ignored.</param>
    /// <returns>The store; everything in it is lost when it is disposed.</returns>
    public static DatasetStore OpenInMemory(DatasetStoreOptions? options = null)
    {
        options ??= new DatasetStoreOptions();
        return new(StoreConnection.OpenInMemory(options), options);
    }

    /// <summary>
    /// Closes the store: waits for running calls, moves every commit into the data file (so the file alone
    /// holds everything and can be copied), and releases the file. Closing always completes: if the commits
    /// cannot be moved (a full disk), the journal beside the file keeps them and the next open moves them in.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _connection.Dispose();
    }

    /// <summary>Runs a read.</summary>
    private T Read<T>(Func<T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection.Read(body);
    }

    /// <summary>
    /// Runs one write as one LiteDB transaction on this thread, under the dataset's lock (when it names one):
    /// the body's changes are committed entirely when it reports a change, rolled back otherwise, and rolled
    /// back on any exception. The body must not await: LiteDB binds a transaction to its thread.
    /// </summary>
    private T Write<T>(string? datasetId, Func<(T Result, bool Changed)> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection.ReadOnly)
        {
            throw Errors.ReadOnly();
        }

        SemaphoreSlim? datasetLock = null;
        if (datasetId is not null)
        {
            datasetLock = _datasetLocks.GetOrAdd(datasetId, static _ => new SemaphoreSlim(1, 1));
            if (!datasetLock.Wait(_options.LockTimeout))
            {
                throw Errors.Busy($"dataset '{datasetId}'", _options.LockTimeout);
            }
        }

        try
        {
            return _connection.Write(body);
        }
        finally
        {
            datasetLock?.Release();
        }
    }

    /// <summary>Runs a call while no other call of the store runs (verification, backups).</summary>
    private T Exclusive<T>(Func<T> body)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _connection.Exclusive(body);
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

    private long Now() => Time.Now(_clock);
}
