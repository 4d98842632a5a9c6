using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets;

/// <summary>
/// The data operations of <see cref="IDatasetStore"/>, written once over the storage port: each engine's store
/// type derives from this class, hands it the engine, and adds what only that engine has (file backups, server
/// options). The rules live in the services these members delegate to, so every engine keeps the same ones.
/// </summary>
public abstract partial class DatasetStoreBase : IDatasetStore
{
    private readonly IStorageEngine _engine;

    private protected DatasetStoreBase(IStorageEngine engine, TimeProvider? clock, TimeSpan patternTimeBudget)
    {
        _engine = engine;
        clock ??= TimeProvider.System;
        Datasets = new DatasetCatalogue(engine, clock, patternTimeBudget);
        Items = new ItemWrites(engine, clock, patternTimeBudget);
        Reads = new SnapshotReads(engine);
        Versions = new VersionHistory(engine);
        Experiments = new ExperimentCatalogue(engine, clock);
        Results = new ExperimentResults(engine, clock);
        Work = new ExperimentWork(engine);
        Staleness = new ExperimentStaleness(engine);
        Comparer = new ExperimentComparer(engine);
        Cache = new StoreCache(engine, clock);
        Replay = new History.HistoryReplay(engine, patternTimeBudget);
    }

    /// <inheritdoc/>
    public bool IsReadOnly => _engine.IsReadOnly;

    /// <summary>Gets the storage port (for tests that plant rows no public call writes, such as data of older releases).</summary>
    internal IStorageEngine Storage => _engine;

    private protected DatasetCatalogue Datasets { get; }

    private protected ItemWrites Items { get; }

    private protected SnapshotReads Reads { get; }

    private protected VersionHistory Versions { get; }

    private protected ExperimentCatalogue Experiments { get; }

    private protected ExperimentResults Results { get; }

    private protected ExperimentWork Work { get; }

    private protected ExperimentStaleness Staleness { get; }
    private protected ExperimentComparer Comparer { get; }

    private protected StoreCache Cache { get; }

    /// <summary>Gets the replay of recorded versions, which only <see cref="DatasetHistory"/> uses.</summary>
    internal History.HistoryReplay Replay { get; }

    /// <inheritdoc/>
    public Dataset CreateDataset(DatasetDefinition definition) => Datasets.CreateDataset(definition);

    /// <inheritdoc/>
    public Dataset? GetDataset(string id) => Datasets.GetDataset(id);

    /// <inheritdoc/>
    public Dataset GetDataset(string id, long version) => Datasets.GetDataset(id, version);

    /// <inheritdoc/>
    public Dataset? FindDataset(string name) => Datasets.FindDataset(name);

    /// <inheritdoc/>
    public Dataset UpdateDataset(string id, DatasetUpdate update) => Datasets.UpdateDataset(id, update, null);

    /// <inheritdoc/>
    public Dataset UpdateDataset(string id, DatasetUpdate update, WriteOptions? options) => Datasets.UpdateDataset(id, update, options);

    /// <inheritdoc/>
    public void DeleteDataset(string id) => Datasets.DeleteDataset(id);

    /// <inheritdoc/>
    public DatasetPage ListDatasets(DatasetQuery? query = null) => Datasets.ListDatasets(query);

    /// <inheritdoc/>
    public Commit AddItem(string datasetId, ItemDraft draft, WriteOptions? options = null) => Items.AddItem(datasetId, draft, options);

    /// <inheritdoc/>
    public Commit AddItems(string datasetId, IEnumerable<ItemDraft> drafts, WriteOptions? options = null) => Items.AddItems(datasetId, drafts, options);

    /// <inheritdoc/>
    public Commit UpdateItem(string datasetId, string itemId, ItemPatch patch, WriteOptions? options = null) => Items.UpdateItem(datasetId, itemId, patch, options);

    /// <inheritdoc/>
    public Commit DeleteItem(string datasetId, string itemId, WriteOptions? options = null) => Items.DeleteItem(datasetId, itemId, options);

    /// <inheritdoc/>
    public Commit DeleteItems(string datasetId, IEnumerable<string> itemIds, WriteOptions? options = null) => Items.DeleteItems(datasetId, itemIds, options);

    /// <inheritdoc/>
    public Commit UpsertItems(string datasetId, IEnumerable<ItemDraft> drafts, UpsertMode mode = UpsertMode.Upsert, WriteOptions? options = null) =>
        Items.UpsertItems(datasetId, drafts, mode, options);

    /// <inheritdoc/>
    public ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode = ImportMode.Append, WriteOptions? options = null) =>
        Items.ImportItems(datasetId, drafts, mode, options);

    /// <inheritdoc/>
    public ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, Action<DraftRepeat> onRepeat) =>
        Items.ImportItems(datasetId, drafts, mode, options, onRepeat);

    /// <inheritdoc/>
    public Commit RestoreVersion(string datasetId, long version, WriteOptions? options = null) => Items.RestoreVersion(datasetId, version, options);

    /// <inheritdoc/>
    public Commit RestoreVersion(string datasetId, string tag, WriteOptions? options = null) => Items.RestoreVersion(datasetId, tag, options);

    /// <inheritdoc/>
    public DatasetItem? GetItem(string datasetId, string itemId, long? version = null) => Reads.GetItem(datasetId, itemId, version);

    /// <inheritdoc/>
    public ItemPage ListItems(string datasetId, ItemQuery? query = null) => Reads.ListItems(datasetId, query);

    /// <inheritdoc/>
    public IEnumerable<DatasetItem> ReadItems(string datasetId, long? version = null) => Reads.ReadItems(datasetId, version);

    /// <inheritdoc/>
    public IReadOnlyList<ItemRevision> GetItemHistory(string datasetId, string itemId) => Reads.GetItemHistory(datasetId, itemId);

    /// <inheritdoc/>
    public VersionPage ListVersions(string datasetId, VersionQuery? query = null) => Versions.ListVersions(datasetId, query);

    /// <inheritdoc/>
    public DatasetVersion GetVersion(string datasetId, long version) => Versions.GetVersion(datasetId, version);

    /// <inheritdoc/>
    public void TagVersion(string datasetId, long version, string tag) => Versions.TagVersion(datasetId, version, tag);

    /// <inheritdoc/>
    public void MoveTag(string datasetId, string tag, long version) => Versions.MoveTag(datasetId, tag, version);

    /// <inheritdoc/>
    public void DeleteTag(string datasetId, string tag) => Versions.DeleteTag(datasetId, tag);

    /// <inheritdoc/>
    public long ResolveVersion(string datasetId, string tag) => Versions.ResolveVersion(datasetId, tag);

    /// <inheritdoc/>
    public long ResolveVersion(string datasetId, DateTimeOffset asOf) => Versions.ResolveVersion(datasetId, asOf);

    /// <inheritdoc/>
    public DatasetDiff Diff(string datasetId, long fromVersion, long toVersion) => Versions.Diff(datasetId, fromVersion, toVersion);

    /// <inheritdoc/>
    public DatasetDiff Diff(string datasetId, string fromTag, string toTag) => Versions.Diff(datasetId, fromTag, toTag);

    /// <inheritdoc/>
    public string ComputeFingerprint(string datasetId, long? version = null) => Versions.ComputeFingerprint(datasetId, version);

    /// <summary>Closes the store; every commit it acknowledged stays.</summary>
    public abstract void Dispose();
}
