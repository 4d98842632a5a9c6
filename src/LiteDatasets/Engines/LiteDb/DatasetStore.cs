using LiteDatasets.Engines.LiteDb;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Storage;

namespace LiteDatasets;

/// <summary>
/// A store of versioned evaluation datasets in one LiteDB file (or in memory). Open one with
/// <see cref="Open(string)"/>, create datasets, add and change items (each write call is one atomic, durable
/// commit that creates at most one version), and read any version back exactly. Besides the data operations of
/// <see cref="IDatasetStore"/>, a file store offers <see cref="Backup(string)"/>, <see cref="Verify"/> and
/// <see cref="FormatVersion"/>.
/// </summary>
/// <remarks>
/// <para>Thread safety: all members are safe to call from any number of threads. Writers to one dataset
/// are serialised by a per-dataset lock; readers never wait for writers and never see a partial commit.</para>
/// <para>One owner per file: while a store is open, a second open of the same file, from this process or
/// another, fails with <see cref="ErrorCode.FileLocked"/> unless every opener set
/// <see cref="DatasetStoreOptions.Shared"/>.</para>
/// </remarks>
public sealed class DatasetStore : DatasetStoreBase, IStoreFileOwner
{
    private readonly LiteDbEngine _engine;

    private DatasetStore(StoreConnection connection, TimeProvider? clock, TimeSpan patternTimeBudget)
        : this(new LiteDbEngine(connection), clock, patternTimeBudget)
    {
    }

    private DatasetStore(LiteDbEngine engine, TimeProvider? clock, TimeSpan patternTimeBudget)
        : base(engine, clock, patternTimeBudget)
    {
        _engine = engine;
    }

    /// <summary>
    /// Gets the format version of the open file: the one this build writes (files of an older format are
    /// upgraded when opened for writing; see <see cref="DatasetStoreOptions.UpgradeFormat"/>).
    /// </summary>
    public int FormatVersion => _engine.Connection.FormatVersion;

    /// <summary>Gets the store's engine (for the storage tests).</summary>
    internal LiteDbEngine Engine => _engine;

    /// <summary>Gets the connection to the store's files (for the storage tests).</summary>
    internal StoreConnection Connection => _engine.Connection;

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
        Guard.NotBlank(path);
        return Open(new DatasetStoreOptions { Path = path });
    }

    /// <summary>Opens a store file with explicit options.</summary>
    /// <param name="options">Where the file is and how to open it; <see cref="DatasetStoreOptions.Path"/> is required.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="FileNotFoundException">A read-only open names a missing file.</exception>
    /// <exception cref="LiteDatasetsException">As for <see cref="Open(string)"/>.</exception>
    /// <exception cref="PlatformNotSupportedException"><see cref="DatasetStoreOptions.Shared"/> on a system other than Linux or Windows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DatasetStoreOptions.PatternTimeBudget"/> is zero or negative (and not infinite).</exception>
    public static DatasetStore Open(DatasetStoreOptions options)
    {
        Guard.NotNull(options);
        Guard.NotBlank(options.Path, nameof(options) + "." + nameof(options.Path));
        Guard.PositiveOrInfinite(options.PatternTimeBudget, nameof(options) + "." + nameof(options.PatternTimeBudget));
        return Open(StoreSettings.From(options), options.TimeProvider, options.PatternTimeBudget);
    }

    /// <summary>
    /// Deletes the store file at <paramref name="path"/> and its journal, refusing while any store — in this
    /// process or another — has the file open. A missing file is not an error. Journals set aside earlier
    /// (<c>-journal.stale-…</c>) are kept.
    /// </summary>
    /// <param name="path">The file's path; a symbolic link is followed, and the file it points to is deleted.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.FileLocked"/> if the file is open; nothing is deleted.</exception>
    public static void Delete(string path)
    {
        Guard.NotBlank(path);
        StoreDeletion.Delete(path);
    }

    /// <summary>Opens a new, empty store that lives in memory only.</summary>
    /// <param name="options">Settings such as the clock; <see cref="DatasetStoreOptions.Path"/> is ignored.</param>
    /// <returns>The store; everything in it is lost when it is disposed.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="DatasetStoreOptions.PatternTimeBudget"/> is zero or negative (and not infinite).</exception>
    public static DatasetStore OpenInMemory(DatasetStoreOptions? options = null)
    {
        options ??= new DatasetStoreOptions();
        Guard.PositiveOrInfinite(options.PatternTimeBudget, nameof(options) + "." + nameof(options.PatternTimeBudget));
        return new(StoreConnection.OpenInMemory(StoreSettings.From(options)), options.TimeProvider, options.PatternTimeBudget);
    }

    /// <summary>Opens a store file with settings tests may tune (the format plan, the page pool).</summary>
    internal static DatasetStore Open(StoreSettings settings, TimeProvider? clock = null, TimeSpan? patternTimeBudget = null) =>
        new(StoreConnection.OpenFile(settings), clock, patternTimeBudget ?? Schemas.PatternBudget.DefaultTotal);

    /// <summary>
    /// Writes a consistent copy of the whole store into one file while the store stays open. The copy is a
    /// compact, new store file (with its own identity); an existing file at <paramref name="path"/> is replaced
    /// only once the copy is complete and synced, and keeps its mode (a new file gets the store file's mode). The
    /// copy is read from one point in time: the store's reads and writes go on while it runs (in shared mode,
    /// where every call runs alone, they wait for it).
    /// </summary>
    /// <param name="path">The file to write; it must not be this store's own file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is this store's file.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.Busy"/> if a running write does not finish within the lock timeout;
    /// <see cref="ErrorCode.StorageFull"/> if the copy's disk is full (nothing is left of the copy).
    /// </exception>
    public void Backup(string path) => Backup(path, copied: null);

    /// <summary>Writes a backup, calling <paramref name="copied"/> after each collection (tests pause a backup half-way with it).</summary>
    internal void Backup(string path, Action<string>? copied)
    {
        Guard.NotBlank(path);
        ObjectDisposedException.ThrowIf(_engine.IsDisposed, this);
        StoreBackup.Write(_engine.Connection, path, copied);
    }

    /// <inheritdoc/>
    bool IStoreFileOwner.Owns(string path) => _engine.Connection.Path is { } own && StoreFiles.IsStoreFile(own, path);

    /// <summary>
    /// Checks every invariant of the store: versions gap-free, one live revision per live item and no
    /// overlapping revision ranges, counts and fingerprints of every version equal to what its items give
    /// (recomputed from the stored content), tags naming existing versions, indexes listing every document, and
    /// the file's format. Writers wait while it runs. Damage is reported, not thrown: a dataset (or a part of the
    /// file) whose pages cannot be read is a problem saying so, and the other datasets are still checked.
    /// </summary>
    /// <returns>The report; <see cref="VerifyReport.IsHealthy"/> when nothing is wrong.</returns>
    public VerifyReport Verify() => _engine.Exclusive(() => StoreVerification.Run(_engine.Connection));

    /// <summary>
    /// Closes the store: waits for running calls, moves every commit into the data file (so the file alone
    /// holds everything and can be copied), and releases the file. Closing always completes: if the commits
    /// cannot be moved (a full disk), the journal beside the file keeps them and the next open moves them in.
    /// What open result recorders hold is committed first.
    /// </summary>
    /// <exception cref="LiteDatasetsException">Results of a recorder that was not disposed were refused (the store is closed all the same).</exception>
    public override void Dispose() => DisposeWithRecorders(_engine.Dispose);
}
