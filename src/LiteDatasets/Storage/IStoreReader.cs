namespace LiteDatasets.Storage;

/// <summary>
/// The queries an engine answers, each one index seek or range in a fixed order. Lists come back whole and
/// small (callers page with limits); no call leaves a cursor open.
/// </summary>
internal interface IStoreReader
{
    /// <summary>Finds a dataset by id.</summary>
    DatasetRow? FindDataset(string id);

    /// <summary>Finds the dataset whose <see cref="DatasetRow.NameKey"/> is <paramref name="nameKey"/>.</summary>
    DatasetRow? FindDatasetByNameKey(string nameKey);

    /// <summary>Finds a dataset by its <see cref="DatasetRow.Key"/>.</summary>
    DatasetRow? FindDatasetByKey(int key);

    /// <summary>Returns every dataset, ordered by <see cref="DatasetRow.NameKey"/> (ordinal).</summary>
    IReadOnlyList<DatasetRow> Datasets();

    /// <summary>Returns the newest revision of an item that began at or before <paramref name="version"/> (live then or not).</summary>
    RevisionRow? LatestRevision(int datasetKey, string itemId, long version);

    /// <summary>
    /// Returns, for each of <paramref name="itemIds"/> that has one, the newest revision that began at or before
    /// <paramref name="version"/> (live then or not), in no particular order.
    /// </summary>
    IReadOnlyList<RevisionRow> LatestRevisions(int datasetKey, IReadOnlyList<string> itemIds, long version);

    /// <summary>Returns every revision of an item that began at or before <paramref name="version"/>, oldest first.</summary>
    IReadOnlyList<RevisionRow> ItemRevisions(int datasetKey, string itemId, long version);

    /// <summary>Returns the revisions whose external id is exactly <paramref name="externalId"/> and whose validTo is at least <paramref name="validTo"/>.</summary>
    IReadOnlyList<RevisionRow> RevisionsByExternalId(int datasetKey, string externalId, long validTo);

    /// <summary>Returns at most <paramref name="limit"/> live revisions (validTo open) with sequence numbers in <c>[fromSeq, toSeq]</c>, in sequence order.</summary>
    IReadOnlyList<RevisionRow> LiveRevisions(int datasetKey, long fromSeq, long toSeq, int limit);

    /// <summary>Returns the revisions closed at a version in <c>[fromVersion, toVersion]</c> (validTo in that range), in no particular order.</summary>
    IReadOnlyList<RevisionRow> RevisionsClosedIn(int datasetKey, long fromVersion, long toVersion);

    /// <summary>
    /// Returns at most <paramref name="limit"/> revisions after <paramref name="after"/> in first-added order
    /// (by sequence number, then validFrom), up to sequence number <paramref name="lastSeq"/>.
    /// </summary>
    IReadOnlyList<RevisionRow> RevisionsInOrder(int datasetKey, RevisionPosition after, long lastSeq, int limit);

    /// <summary>Finds the row of version <paramref name="number"/> (1 or more).</summary>
    VersionRow? FindVersion(int datasetKey, long number);

    /// <summary>Returns at most <paramref name="limit"/> version rows numbered <c>[from, to]</c>, oldest or newest first.</summary>
    IReadOnlyList<VersionRow> Versions(int datasetKey, long from, long to, int limit, bool newestFirst);

    /// <summary>Finds a tag of a dataset.</summary>
    TagRow? FindTag(int datasetKey, string name);

    /// <summary>Returns every tag of a dataset.</summary>
    IReadOnlyList<TagRow> Tags(int datasetKey);

    /// <summary>Returns the schemas in force at <paramref name="version"/>: the newest schema row at or before it.</summary>
    SchemaRow? SchemasAt(int datasetKey, long version);

    /// <summary>Finds an experiment by id.</summary>
    ExperimentRow? FindExperiment(string id);

    /// <summary>Finds the experiment of a dataset with sequence number <paramref name="sequence"/>.</summary>
    ExperimentRow? FindExperimentBySequence(int datasetKey, long sequence);

    /// <summary>Finds the experiment of a dataset whose <see cref="ExperimentRow.NameKey"/> is <paramref name="nameKey"/>.</summary>
    ExperimentRow? FindExperimentByNameKey(int datasetKey, string nameKey);

    /// <summary>Returns at most <paramref name="limit"/> experiments of a dataset with sequence numbers below <paramref name="beforeSequence"/>, highest first.</summary>
    IReadOnlyList<ExperimentRow> Experiments(int datasetKey, long beforeSequence, int limit);

    /// <summary>Returns the number of experiments of a dataset.</summary>
    long CountExperiments(int datasetKey);

    /// <summary>Returns the stored state of those of <paramref name="keys"/> that an experiment has a result for, in no particular order.</summary>
    IReadOnlyList<RecordedRun> RecordedRuns(string experimentId, IReadOnlyList<ResultKey> keys);

    /// <summary>Returns at most <paramref name="limit"/> results of an experiment with keys after <paramref name="after"/>, in key order.</summary>
    IReadOnlyList<ResultRow> Results(string experimentId, ResultKey after, int limit);

    /// <summary>Returns the stored state of an experiment's results of the items with sequence numbers in <c>[fromSeq, toSeq]</c>, in key order.</summary>
    IReadOnlyList<RecordedRun> RecordedRunsBetween(string experimentId, long fromSeq, long toSeq);

    /// <summary>Finds an entry of the key-value cache by its row key, expired or not.</summary>
    CacheRow? FindCacheEntry(string id);
}
