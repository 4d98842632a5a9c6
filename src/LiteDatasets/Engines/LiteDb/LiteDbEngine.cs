using System.Collections.Concurrent;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Storage;

namespace LiteDatasets.Engines.LiteDb;

/// <summary>
/// The LiteDB engine behind the storage port: reads and units of work run through the store's connection
/// (which owns the files, the journal and the LiteDB engines), with the port's rows mapped to documents by
/// <see cref="Queries.LiteDbRows"/>. A unit of work holds its dataset's lock (a semaphore per dataset, in this process)
/// and, inside the connection, LiteDB's transaction.
/// </summary>
internal sealed class LiteDbEngine(StoreConnection connection) : IStorageEngine, IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _datasetLocks = new(StringComparer.Ordinal);
    private volatile bool _disposed;

    /// <summary>Gets whether the engine was disposed.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Gets the connection to the store's files.</summary>
    public StoreConnection Connection => connection;

    public bool IsReadOnly => connection.ReadOnly;

    public T Read<T>(Func<IStoreReader, T> body)
    {
        ThrowIfDisposed();
        return connection.Read(() => body(connection.Rows));
    }

    public T Write<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body) =>
        UnderDatasetLock(datasetId, letGo => connection.Write(() => body(connection.Rows), letGo));

    public T WriteRepeatable<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body) =>
        UnderDatasetLock(datasetId, letGo => connection.WriteRepeatable(() => body(connection.Rows), letGo));

    // LiteDB writes one transaction at a time: a row outside a dataset's content needs no dataset's lock.
    public T WriteRowLocked<T>(Func<IStoreWriter, (T Result, bool Changed)> body) => Write(null, body);

    public T WriteRowLockedRepeatable<T>(Func<IStoreWriter, (T Result, bool Changed)> body) => WriteRepeatable(null, body);

    /// <summary>Runs a call while no other call of the store runs (verification, backups).</summary>
    public T Exclusive<T>(Func<T> body)
    {
        ThrowIfDisposed();
        return connection.Exclusive(body);
    }

    /// <summary>Takes a dataset's lock and holds it until disposed (tests use this to provoke <see cref="ErrorCode.Busy"/>).</summary>
    public IDisposable HoldDatasetLock(string datasetId)
    {
        var datasetLock = DatasetLock(datasetId);
        datasetLock.Wait();
        return new Releaser(datasetLock);
    }

    public void Dispose()
    {
        _disposed = true;
        connection.Dispose();
    }

    /// <summary>
    /// Runs a write holding dataset <paramref name="datasetId"/>'s lock (when given). The write may let go of it once its
    /// transaction has ended, before its commit is durable: the dataset's next writer builds on a commit that is
    /// written, and its own sync covers both (a commit that does not survive a crash takes every later one with it).
    /// </summary>
    private T UnderDatasetLock<T>(string? datasetId, Func<Action, T> write)
    {
        ThrowIfDisposed();
        if (connection.ReadOnly)
        {
            throw Errors.ReadOnly();
        }

        var datasetLock = datasetId is null ? null : DatasetLock(datasetId);
        if (datasetLock is not null && !datasetLock.Wait(connection.Settings.LockTimeout))
        {
            throw Errors.Busy($"dataset '{datasetId}'", connection.Settings.LockTimeout);
        }

        var held = datasetLock is not null ? 1 : 0;
        void LetGo()
        {
            if (Interlocked.Exchange(ref held, 0) == 1)
            {
                datasetLock!.Release();
            }
        }

        try
        {
            return write(LetGo);
        }
        finally
        {
            LetGo();
        }
    }

    private SemaphoreSlim DatasetLock(string datasetId) => _datasetLocks.GetOrAdd(datasetId, static _ => new SemaphoreSlim(1, 1));

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, typeof(DatasetStore));

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}
