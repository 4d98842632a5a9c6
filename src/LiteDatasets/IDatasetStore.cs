namespace LiteDatasets;

/// <summary>
/// A store of versioned evaluation datasets: the contract every engine keeps (<see cref="DatasetStore"/> on a
/// LiteDB file or in memory; other engines in packages of their own). Create datasets, add and change items —
/// each write call is one atomic, durable commit that creates at most one version — and read any version back
/// exactly.
/// </summary>
/// <remarks>
/// <para>Thread safety: all members are safe to call from any number of threads. Writers to one dataset are
/// serialised; readers never wait for writers and never see a partial commit.</para>
/// <para>Errors are <see cref="LiteDatasetsException"/> with an <see cref="ErrorCode"/>; argument mistakes are the
/// standard argument exceptions; a disposed store throws <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public partial interface IDatasetStore : IDisposable
{
    /// <summary>Gets whether this store refuses writes (<see cref="ErrorCode.ReadOnly"/>).</summary>
    bool IsReadOnly { get; }

    /// <summary>Creates a dataset at version 0, empty.</summary>
    /// <param name="definition">Its name and optional id, description, metadata and schemas.</param>
    /// <returns>The new dataset.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNameTaken"/> or <see cref="ErrorCode.DatasetIdTaken"/>.</exception>
    Dataset CreateDataset(DatasetDefinition definition);

    /// <summary>Gets a dataset as it is now.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <returns>The dataset, or <see langword="null"/> if no dataset has that id.</returns>
    Dataset? GetDataset(string id);

    /// <summary>
    /// Gets a dataset's definition as it applies to a version: its current name, description and metadata,
    /// with the schemas in force at <paramref name="version"/>, and that version's number and item count.
    /// </summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <returns>The dataset as of that version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    Dataset GetDataset(string id, long version);

    /// <summary>Finds a dataset by name, ignoring case.</summary>
    /// <param name="name">The name to look for.</param>
    /// <returns>The dataset, or <see langword="null"/> if none has that name.</returns>
    Dataset? FindDataset(string name);

    /// <summary>Changes a dataset's name, description, metadata or schemas.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="update">The changes; null properties keep their value.</param>
    /// <returns>The dataset after the change.</returns>
    Dataset UpdateDataset(string id, DatasetUpdate update);

    /// <summary>
    /// Changes a dataset's name, description, metadata or schemas. Renaming and editing the description or
    /// metadata create no version; setting, changing or removing a schema creates one (with no item changes),
    /// so that a version fixes both the items and the schemas in force.
    /// </summary>
    /// <param name="id">The dataset's id.</param>
    /// <param name="update">The changes; null properties keep their value.</param>
    /// <param name="options">The message of a schema version and the expected current version.</param>
    /// <returns>The dataset after the change.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.DatasetNameTaken"/> or <see cref="ErrorCode.VersionConflict"/>.</exception>
    Dataset UpdateDataset(string id, DatasetUpdate update, WriteOptions? options);

    /// <summary>Deletes a dataset with its items, history, versions and tags. Its id and name may then be reused.</summary>
    /// <param name="id">The dataset's id.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    void DeleteDataset(string id);

    /// <summary>Lists datasets ordered by name (ignoring case), a page at a time.</summary>
    /// <param name="query">Page size, cursor and name filter; <see langword="null"/> for the first 50.</param>
    /// <returns>One page of datasets.</returns>
    DatasetPage ListDatasets(DatasetQuery? query = null);

    /// <summary>Adds one item as a new version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="draft">The item's content and optional id and external id.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the stored item.</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.ItemIdTaken"/>, <see cref="ErrorCode.ExternalIdTaken"/>,
    /// <see cref="ErrorCode.InvalidPayload"/> or <see cref="ErrorCode.VersionConflict"/>; nothing is written.
    /// </exception>
    Commit AddItem(string datasetId, ItemDraft draft, WriteOptions? options = null);

    /// <summary>Adds items as one new version (an empty batch creates none).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="drafts">The items, kept in this order.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the stored items in input order.</returns>
    /// <exception cref="LiteDatasetsException">As for <see cref="AddItem"/>; nothing is written.</exception>
    Commit AddItems(string datasetId, IEnumerable<ItemDraft> drafts, WriteOptions? options = null);

    /// <summary>Changes parts of one live item as a new version; identical content creates no version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="patch">The parts to change; null parts are kept.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the item as it now is.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/>, <see cref="ErrorCode.InvalidPayload"/>, <see cref="ErrorCode.VersionConflict"/>.</exception>
    Commit UpdateItem(string datasetId, string itemId, ItemPatch patch, WriteOptions? options = null);

    /// <summary>Deletes one live item as a new version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/> if the item is unknown or already deleted.</exception>
    Commit DeleteItem(string datasetId, string itemId, WriteOptions? options = null);

    /// <summary>Deletes live items as one new version (an empty list creates none).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemIds">The items' ids.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/> if any id is unknown or already deleted; nothing is written.</exception>
    Commit DeleteItems(string datasetId, IEnumerable<string> itemIds, WriteOptions? options = null);

    /// <summary>
    /// Adds, updates and (in <see cref="UpsertMode.Sync"/>) deletes items so that the dataset matches the drafts,
    /// as one new version; unchanged drafts change nothing, and no change at all creates no version.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="drafts">
    /// The items. A draft matches the live item with its <see cref="ItemDraft.ExternalId"/>, or, without one, the live
    /// item with its <see cref="ItemDraft.Id"/>. A draft fully describes the content (absent means absent).
    /// </param>
    /// <param name="mode"><see cref="UpsertMode.Sync"/> also deletes every live item no draft matches.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds every draft's resulting live item, in input order.</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExternalIdTaken"/> (an external id repeated in the input), <see cref="ErrorCode.ItemIdTaken"/>,
    /// <see cref="ErrorCode.InvalidPayload"/> (also a draft without external id in Sync mode), <see cref="ErrorCode.VersionConflict"/>.
    /// </exception>
    Commit UpsertItems(string datasetId, IEnumerable<ItemDraft> drafts, UpsertMode mode = UpsertMode.Upsert, WriteOptions? options = null);

    /// <summary>
    /// Stores a stream of drafts of any length as one version, holding few of them in memory at a time: the
    /// drafts are read (for example parsed from a file) inside the write, and the result is a summary, not
    /// the list of items. Besides the drafts in flight it keeps 4 bytes per item in the stretches of the
    /// dataset it touches (4 KB per 1,024 items in first-added order), to refuse repeats and, in sync mode,
    /// to know what to delete. <see cref="ImportMode.Append"/> adds every draft
    /// like <see cref="AddItems"/>; <see cref="ImportMode.Upsert"/> and <see cref="ImportMode.Sync"/> behave
    /// like <see cref="UpsertItems"/>, so importing unchanged content again creates no version. Any failure,
    /// including an exception thrown by the enumeration itself, writes nothing.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="drafts">The drafts, enumerated once, on the calling thread.</param>
    /// <param name="mode">How drafts are matched to live items.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>What the import did.</returns>
    /// <exception cref="LiteDatasetsException">As for <see cref="AddItems"/> and <see cref="UpsertItems"/>; nothing is written.</exception>
    ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode = ImportMode.Append, WriteOptions? options = null);

    /// <summary>
    /// As <see cref="ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?)"/>, but a draft that names
    /// an item an earlier draft of the call already named (by id or external id) is handed to
    /// <paramref name="onRepeat"/> instead of failing the import: the callback throws to stop the import (nothing
    /// is written), or returns, and the repeating draft is skipped. A file importer uses it to report both lines.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="drafts">The drafts, enumerated once, on the calling thread.</param>
    /// <param name="mode">How drafts are matched to live items.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <param name="onRepeat">Told of each repeating draft, on the calling thread, inside the write.</param>
    /// <returns>What the import did (skipped repeats are not counted as applied).</returns>
    /// <exception cref="LiteDatasetsException">As for the overload without <paramref name="onRepeat"/>; nothing is written.</exception>
    ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, Action<DraftRepeat> onRepeat);

    /// <summary>Gets one item as it is now, or as it was at a version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one.</param>
    /// <returns>The item, or <see langword="null"/> if it was not live at that version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    DatasetItem? GetItem(string datasetId, string itemId, long? version = null);

    /// <summary>
    /// Lists a page of the items live at a version, in the order they were first added, with the total. Pages
    /// continue by cursor (<see cref="ItemQuery.After"/>, whose cost does not grow with depth) or by offset.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="query">Version or tag, filters and paging; <see langword="null"/> for the first 50 current items.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">Conflicting or malformed query members, or a cursor from another query.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    ItemPage ListItems(string datasetId, ItemQuery? query = null);

    /// <summary>
    /// Streams every item live at a version, in first-added order. Memory does not grow with the dataset: items
    /// are read in short keyset chunks, so the caller may await inside its loop or stop early.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one (fixed when the enumeration starts).</param>
    /// <returns>The items.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>, when enumeration starts.</exception>
    IEnumerable<DatasetItem> ReadItems(string datasetId, long? version = null);

    /// <summary>Gets every entry of an item's history, oldest first, deletions included.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <returns>The history.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, or <see cref="ErrorCode.ItemNotFound"/> for an id the dataset never had.</exception>
    IReadOnlyList<ItemRevision> GetItemHistory(string datasetId, string itemId);

    /// <summary>Lists a dataset's commits (versions 1..current), newest first, a page at a time.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="query">Page size and cursor; <see langword="null"/> for the newest 50.</param>
    /// <returns>One page of versions with their counts, messages, tags and fingerprints.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    VersionPage ListVersions(string datasetId, VersionQuery? query = null);

    /// <summary>Gets one version of a dataset; version 0 is the empty dataset at creation.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <returns>The version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    DatasetVersion GetVersion(string datasetId, long version);

    /// <summary>Gives a version a tag. Tagging a version with the tag it already has does nothing.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <param name="tag">The tag: 1–256 characters, no control characters, not only digits (those mean a version number), case-sensitive.</param>
    /// <exception cref="ArgumentException">The tag is empty, too long, holds a control character or is made only of digits.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagExists"/> if the tag names another version (use <see cref="MoveTag"/>).</exception>
    void TagVersion(string datasetId, long version, string tag);

    /// <summary>Points an existing tag at another version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag to move.</param>
    /// <param name="version">A version in <c>0..current</c>.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    void MoveTag(string datasetId, string tag, long version);

    /// <summary>Removes a tag; the version it named is unaffected.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag to remove.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/>.</exception>
    void DeleteTag(string datasetId, string tag);

    /// <summary>Returns the version a tag names.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>The version number.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    long ResolveVersion(string datasetId, string tag);

    /// <summary>Returns the last version committed at or before a moment (0 between creation and the first commit).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="asOf">The moment.</param>
    /// <returns>The version number.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.VersionNotFound"/> if the dataset did not exist yet.</exception>
    long ResolveVersion(string datasetId, DateTimeOffset asOf);

    /// <summary>
    /// Compares two versions of a dataset (in either order): the items added, removed and modified going from
    /// <paramref name="fromVersion"/> to <paramref name="toVersion"/>, each with both states, and for modified
    /// items the JSON Pointers that changed. The cost grows with the number of items changed between the two
    /// versions, not with the size of the dataset or its history.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="fromVersion">The version to compare from.</param>
    /// <param name="toVersion">The version to compare to.</param>
    /// <returns>The differences, each list in first-added order; empty when the versions hold the same content.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    DatasetDiff Diff(string datasetId, long fromVersion, long toVersion);

    /// <summary>Compares the versions two tags name; see <see cref="Diff(string, long, long)"/>.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="fromTag">The tag of the version to compare from.</param>
    /// <param name="toTag">The tag of the version to compare to.</param>
    /// <returns>The differences.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    DatasetDiff Diff(string datasetId, string fromTag, string toTag);

    /// <summary>
    /// Makes the live items exactly the snapshot at an earlier version — same item ids, content and
    /// <see cref="DatasetItem.CreatedAt"/> — as one new version. Revived items count as added, changed ones as
    /// updated, removed ones as deleted. Restoring to content equal to the current state creates no version.
    /// Schemas are not restored. To preview a restore, <see cref="Diff(string, long, long)"/> from the current
    /// version to the target.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">The version to restore, in <c>0..current</c>.</param>
    /// <param name="options">The version's message (default "Restored version N") and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the items re-added or changed.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.VersionConflict"/>.</exception>
    Commit RestoreVersion(string datasetId, long version, WriteOptions? options = null);

    /// <summary>Restores the version a tag names; see <see cref="RestoreVersion(string, long, WriteOptions?)"/>.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag naming the version to restore.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/>, and as for the overload taking a number.</exception>
    Commit RestoreVersion(string datasetId, string tag, WriteOptions? options = null);

    /// <summary>
    /// Recomputes a version's fingerprint from the stored items themselves (their canonical JSON), without
    /// trusting anything kept alongside them. Equal to <see cref="DatasetVersion.Fingerprint"/> in a healthy
    /// file; anyone can compute the same value from an export of the version.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    string ComputeFingerprint(string datasetId, long? version = null);
}
