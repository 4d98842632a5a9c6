namespace LiteDatasets.Storage;

/// <summary>
/// The rows one unit of work writes (see <see cref="IStorageEngine.Write{T}"/>). Its queries see the unit's own
/// writes; nothing is visible to other readers before the commit.
/// </summary>
internal interface IStoreWriter : IStoreReader
{
    /// <summary>Finds a dataset by id, first taking the engine's write lock on it, so the row cannot go stale before the write.</summary>
    DatasetRow? FindDatasetForUpdate(string id);

    /// <summary>Returns a dataset key no dataset has ever had.</summary>
    int NextDatasetKey();

    /// <summary>Stores a new dataset.</summary>
    void InsertDataset(DatasetRow row);

    /// <summary>Replaces a dataset's row.</summary>
    void UpdateDataset(DatasetRow row);

    /// <summary>Removes a dataset with every row of it: revisions, versions, tags, schemas, experiments (with their sequence counter) and results.</summary>
    void DeleteDataset(DatasetRow row);

    /// <summary>Stores new revisions.</summary>
    void InsertRevisions(IReadOnlyList<RevisionRow> rows);

    /// <summary>Closes stored revisions at <paramref name="validTo"/> (their only change ever).</summary>
    void CloseRevisions(IReadOnlyList<RevisionRow> rows, long validTo);

    /// <summary>Stores a version row.</summary>
    void InsertVersion(VersionRow row);

    /// <summary>Stores a schema row.</summary>
    void InsertSchemas(SchemaRow row);

    /// <summary>Stores a new tag.</summary>
    void InsertTag(TagRow row);

    /// <summary>Points a stored tag at <see cref="TagRow.Version"/>.</summary>
    void UpdateTag(TagRow row);

    /// <summary>Removes a tag.</summary>
    void DeleteTag(TagRow row);

    /// <summary>Finds an experiment by id, first taking the engine's lock on its row, so the row cannot go stale before the write.</summary>
    ExperimentRow? FindExperimentForUpdate(string id);

    /// <summary>Returns a sequence number no experiment of the dataset has ever had (1, 2, 3…; deleting an experiment gives none back).</summary>
    long NextExperimentSequence(int datasetKey);

    /// <summary>Stores a new experiment.</summary>
    void InsertExperiment(ExperimentRow row);

    /// <summary>Replaces an experiment's row.</summary>
    void UpdateExperiment(ExperimentRow row);

    /// <summary>Removes an experiment with its results.</summary>
    void DeleteExperiment(ExperimentRow row);

    /// <summary>Stores results, each replacing the experiment's stored result of the same key, if any.</summary>
    void WriteResults(IReadOnlyList<ResultRow> rows);

    /// <summary>Finds an entry of the key-value cache by its row key, first taking the engine's lock on its row, so that a refresh cannot undo a concurrent write.</summary>
    CacheRow? FindCacheEntryForUpdate(string id);

    /// <summary>Stores an entry of the key-value cache, replacing the entry of the same row key, if any.</summary>
    void WriteCacheEntry(CacheRow row);

    /// <summary>Removes an entry of the key-value cache; returns whether there was one.</summary>
    bool DeleteCacheEntry(string id);
}
