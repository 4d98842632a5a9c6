namespace LiteDatasets.Storage;

/// <summary>
/// The storage port: what an engine (LiteDB, PostgreSQL, …) offers the rules. The rules decide everything —
/// versions, schemas, fingerprints, diffs, filters — and ask the engine only for rows: a read view with
/// version-bounded queries, and a unit of work that writes rows as one transaction.
/// </summary>
/// <remarks>
/// An engine maps its own failures to <see cref="LiteDatasetsException"/> (<see cref="ErrorCode.StorageFull"/>,
/// <see cref="ErrorCode.StorageFailure"/>, <see cref="ErrorCode.Busy"/>) and lets the body's own exceptions
/// through unchanged.
/// </remarks>
internal interface IStorageEngine
{
    /// <summary>Gets whether writes are refused (<see cref="ErrorCode.ReadOnly"/>).</summary>
    bool IsReadOnly { get; }

    /// <summary>
    /// Runs a read over committed rows. Reads are short: a long read is a series of them (a snapshot stream
    /// reads a chunk per call). The body may run twice, if the engine had to reconnect under it.
    /// </summary>
    T Read<T>(Func<IStoreReader, T> body);

    /// <summary>
    /// Runs a write as one unit of work: it holds the write lock of dataset <paramref name="datasetId"/> (when
    /// given; a lock that cannot be had within the engine's timeout is <see cref="ErrorCode.Busy"/>) and one
    /// transaction, committed when the body reports a change and rolled back otherwise or on any exception.
    /// The body runs on the calling thread and must not await.
    /// </summary>
    T Write<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body);

    /// <summary>
    /// Runs a write as <see cref="Write{T}"/> does, for a small body that may run more than once and on another thread:
    /// it reads its input only from values fixed before the call and from the rows, and keeps nothing from a run that
    /// is rolled back. An engine may then commit it in one transaction with other writers' bodies (and run it again,
    /// alone, when another of them fails); one that does not batch runs it as any write.
    /// </summary>
    T WriteRepeatable<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body) => Write(datasetId, body);

    /// <summary>
    /// Runs a write as one unit of work, as <see cref="Write{T}"/> does, but under neither a dataset's lock nor the
    /// catalogue's: the body locks the one row it changes by reading it for update
    /// (<see cref="IStoreWriter.FindExperimentForUpdate"/>). It is for rows outside a dataset's versioned content —
    /// an experiment's — whose writers must neither wait for the dataset's writers nor hold them up.
    /// </summary>
    T WriteRowLocked<T>(Func<IStoreWriter, (T Result, bool Changed)> body);

    /// <summary>
    /// Runs a write as <see cref="WriteRowLocked{T}"/> does, for a small body that may run more than once and on another
    /// thread (see <see cref="WriteRepeatable{T}"/>).
    /// </summary>
    T WriteRowLockedRepeatable<T>(Func<IStoreWriter, (T Result, bool Changed)> body) => WriteRowLocked(body);
}
