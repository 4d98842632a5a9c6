using LiteDatasets.Json;
using System.Text;
using LiteDatasets.Storage;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>Adds one item as a new version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="draft">The item's content and optional id and external id.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the stored item.</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.ItemIdTaken"/>, <see cref="ErrorCode.ExternalIdTaken"/>,
    /// <see cref="ErrorCode.InvalidPayload"/> or <see cref="ErrorCode.VersionConflict"/>; nothing is written.
    /// </exception>
    public Commit AddItem(string datasetId, ItemDraft draft, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return AddItems(datasetId, [draft], options);
    }

    /// <summary>Adds items as one new version (an empty batch creates none).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="drafts">The items, kept in this order.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the stored items in input order.</returns>
    /// <exception cref="LiteDatasetsException">As for <see cref="AddItem"/>; nothing is written.</exception>
    public Commit AddItems(string datasetId, IEnumerable<ItemDraft> drafts, WriteOptions? options = null) =>
        ApplyDrafts(datasetId, drafts, ImportMode.Append, options, collectItems: true).Commit;

    /// <summary>Changes parts of one live item as a new version; identical content creates no version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="patch">The parts to change; null parts are kept.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the item as it now is.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/>, <see cref="ErrorCode.InvalidPayload"/>, <see cref="ErrorCode.VersionConflict"/>.</exception>
    public Commit UpdateItem(string datasetId, string itemId, ItemPatch patch, WriteOptions? options = null)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        ArgumentNullException.ThrowIfNull(patch);
        CheckClearConflict(patch.ExpectedOutput is not null && !ItemContent.IsNull(patch.ExpectedOutput), patch.ClearExpectedOutput, "ExpectedOutput");
        CheckClearConflict(patch.Metadata is not null, patch.ClearMetadata, "Metadata");
        if (patch.Input is not null && ItemContent.IsNull(patch.Input))
        {
            throw Errors.InvalidPayload(null, itemId, "/input", "has no input (null is not a valid input)");
        }

        var input = patch.Input is null ? default : EncodePart(patch.Input, "/input", itemId);
        var clearExpected = patch.ClearExpectedOutput || (patch.ExpectedOutput is not null && ItemContent.IsNull(patch.ExpectedOutput));
        var expected = clearExpected || patch.ExpectedOutput is null ? default : EncodePart(patch.ExpectedOutput, "/expectedOutput", itemId);
        var metadata = patch.Metadata is null ? default : EncodePart(patch.Metadata, "/metadata", itemId);
        return WriteItems(datasetId, options, write =>
        {
            var live = write.FindLive(itemId) ?? throw Errors.ItemNotFound(datasetId, itemId);
            var current = live.Content();
            var keepExpected = patch.ExpectedOutput is null && !clearExpected;
            var keepMetadata = patch.Metadata is null && !patch.ClearMetadata;
            var content = new ItemContent(
                input.Stored ?? current.Input,
                keepExpected ? current.Expected : expected.Stored,
                keepMetadata ? current.Metadata : metadata.Stored,
                input.Canonical ?? current.InputCanonical,
                keepExpected ? current.ExpectedCanonical : expected.Canonical,
                keepMetadata ? current.MetadataCanonical : metadata.Canonical);
            CheckSize(content, null, itemId);
            return [write.Update(live, content, null)];
        });
    }

    /// <summary>Deletes one live item as a new version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/> if the item is unknown or already deleted.</exception>
    public Commit DeleteItem(string datasetId, string itemId, WriteOptions? options = null)
    {
        Guard.Name(itemId);
        return DeleteItems(datasetId, [itemId], options);
    }

    /// <summary>Deletes live items as one new version (an empty list creates none).</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemIds">The items' ids.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/> if any id is unknown or already deleted; nothing is written.</exception>
    public Commit DeleteItems(string datasetId, IEnumerable<string> itemIds, WriteOptions? options = null)
    {
        Guard.Name(datasetId);
        ArgumentNullException.ThrowIfNull(itemIds);
        var ids = itemIds.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            Guard.Name(id, nameof(itemIds));
            if (!seen.Add(id))
            {
                throw new ArgumentException($"The item id '{id}' appears more than once; list each item once.", nameof(itemIds));
            }
        }

        return WriteItems(datasetId, options, write =>
        {
            foreach (var id in ids)
            {
                write.Delete(write.FindLive(id) ?? throw Errors.ItemNotFound(datasetId, id));
            }

            return [];
        });
    }

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
    public Commit UpsertItems(string datasetId, IEnumerable<ItemDraft> drafts, UpsertMode mode = UpsertMode.Upsert, WriteOptions? options = null) =>
        ApplyDrafts(datasetId, drafts, mode == UpsertMode.Sync ? ImportMode.Sync : ImportMode.Upsert, options, collectItems: true).Commit;

    /// <summary>
    /// Stores a stream of drafts of any length as one version, holding few of them in memory at a time: the
    /// drafts are read (for example parsed from a file) inside the write, and the result is a summary, not
    /// the list of items. Besides the drafts in flight it keeps 4 bytes per item in the stretches of the
    /// dataset it touches (64 KB per 16,384 items in first-added order), to refuse repeats and, in sync mode,
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
    public ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode = ImportMode.Append, WriteOptions? options = null) =>
        ImportWithRepeats(datasetId, drafts, mode, options, onRepeat: null);

    /// <summary>
    /// As the public overload; <paramref name="onRepeat"/>, when given, is told of each draft that repeats an
    /// earlier one's key and either throws (stopping the import) or returns, and the draft is skipped.
    /// </summary>
    internal ImportResult ImportWithRepeats(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, Action<DraftRepeat>? onRepeat)
    {
        var (commit, unchanged, applied) = ApplyDrafts(datasetId, drafts, mode, options, collectItems: false, onRepeat);
        return new ImportResult(commit.DatasetId, commit.Version, commit.Created, applied, commit.Added, commit.Updated, commit.Deleted, unchanged);
    }

    /// <summary>
    /// The one path by which drafts become items. Each draft is checked and encoded as it is read, inside
    /// the write; ids and external ids may appear once per call. What a draft touched is kept by the item's
    /// sequence number (<see cref="PagedArray{T}"/>), not by key: the write's own lookups find its new and
    /// changed rows, so a repeat is an item some draft already touched.
    /// </summary>
    private (Commit Commit, int Unchanged, int Applied) ApplyDrafts(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, bool collectItems, Action<DraftRepeat>? onRepeat = null)
    {
        Guard.Name(datasetId);
        ArgumentNullException.ThrowIfNull(drafts);
        int unchanged = 0, applied = 0;
        var commit = WriteItems(datasetId, options, write =>
        {
            write.KeepDeletedIds = collectItems;
            var rows = new List<RevisionRecord>();

            // The position of the draft that touched each item (plus one: zero means untouched), by sequence number.
            var touched = new PagedArray<int>();
            var position = 0;
            foreach (var draft in drafts)
            {
                var index = position++;
                var prepared = PrepareDraft(draft, index);
                if (mode == ImportMode.Sync && prepared.ExternalId is null)
                {
                    throw Errors.InvalidPayload(index, prepared.Id, "/externalId", "has no external id, which Sync needs to match items");
                }

                var repeat = FindRepeat(write, touched, mode, prepared, index, out var live);
                if (repeat is not null)
                {
                    if (onRepeat is null)
                    {
                        throw repeat.IsExternalId ? Errors.ExternalIdRepeated(repeat.Key, repeat.First, index) : Errors.ItemIdRepeated(datasetId, repeat.Key, repeat.First, index);
                    }

                    onRepeat(repeat);
                    continue;
                }

                RevisionRecord row;
                if (live is null)
                {
                    row = write.Add(prepared.Id ?? NewItemId(), prepared.ExternalId, prepared.Content, index);
                }
                else
                {
                    row = write.Update(live, prepared.Content, index);
                    if (ReferenceEquals(row, live))
                    {
                        unchanged++;
                    }
                }

                touched[row.Seq] = index + 1;
                applied++;
                if (collectItems)
                {
                    rows.Add(row);
                }
            }

            if (mode == ImportMode.Sync)
            {
                foreach (var live in write.AllLive())
                {
                    if (touched[live.Seq] == 0)
                    {
                        write.Delete(live);
                    }
                }
            }

            return rows;
        });
        return (commit, unchanged, applied);
    }

    /// <summary>
    /// Finds the live item a draft matches (null for a new item), refusing an id or external id the dataset
    /// already uses, and returns the earlier draft's repeat when the item was already touched by this call.
    /// </summary>
    private static DraftRepeat? FindRepeat(ItemWrite write, PagedArray<int> touched, ImportMode mode, PreparedDraft draft, int index, out RevisionRecord? live)
    {
        DraftRepeat? RepeatOf(RevisionRecord? row, string key, bool isExternalId) =>
            row is not null && touched[row.Seq] is > 0 and var first ? new DraftRepeat(first - 1, index, key, isExternalId) : null;

        live = null;
        if (mode != ImportMode.Append)
        {
            live = draft.ExternalId is not null ? write.FindLiveByExternalId(draft.ExternalId)
                : draft.Id is not null ? write.FindLive(draft.Id)
                : null;
            if (live is not null)
            {
                return RepeatOf(live, draft.ExternalId ?? draft.Id!, draft.ExternalId is not null);
            }
        }

        // A new item: its external id (when appending) and its id must be new to the dataset. Rows this call
        // added are found too, and are repeats.
        var holder = mode == ImportMode.Append && draft.ExternalId is not null ? write.FindLiveByExternalId(draft.ExternalId) : null;
        if (RepeatOf(holder, draft.ExternalId!, isExternalId: true) is { } repeatedKey)
        {
            return repeatedKey;
        }

        var used = draft.Id is null ? null : write.FindAny(draft.Id);
        if (RepeatOf(used, draft.Id!, isExternalId: false) is { } repeatedId)
        {
            return repeatedId;
        }

        if (used is not null)
        {
            throw Errors.ItemIdTaken(write.DatasetId, draft.Id!);
        }

        return holder is null ? null : throw Errors.ExternalIdTaken(write.DatasetId, draft.ExternalId!);
    }

    /// <summary>Runs an item write: one transaction, one version if anything changed.</summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ItemWrite, List<RevisionRecord>> body) =>
        WriteItems(datasetId, options, (write, _) => body(write), () => options?.Message);

    /// <summary>
    /// Runs an item write: checks the dataset and the expected version, gathers the body's changes (the body
    /// may still refuse the call by throwing), and stores them as one version if there are any.
    /// </summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ItemWrite, DatasetRecord, List<RevisionRecord>> body, Func<string?> message)
    {
        List<RevisionRecord> rows = [];
        var commit = Write(datasetId, () =>
        {
            var dataset = RequireDatasetForUpdate(datasetId);
            CheckExpectedVersion(dataset, options);
            var write = new ItemWrite(RevisionRows, VersionRows, DatasetRows, dataset, Now());
            rows = body(write, dataset);
            write.ThrowIfSchemaFailed();
            if (!write.HasChanges)
            {
                return (new Commit(datasetId, dataset.Version, false, 0, 0, 0, [], []), false);
            }

            var after = write.Finish(message());
            return (new Commit(datasetId, after.Version, true, write.Added, write.Updated, write.Deleted, [], write.DeletedIds), true);
        });

        // The stored items are parsed back for the caller after the write, outside its lock and transaction.
        return commit with { Items = rows.Select(r => r.ToItem(datasetId)).ToList() };
    }

    private static PreparedDraft PrepareDraft(ItemDraft? draft, int index)
    {
        if (draft is null)
        {
            throw new ArgumentException($"Draft {index} is null; pass an ItemDraft for every item.", nameof(draft));
        }

        var id = draft.Id is null ? null : Guard.Name(draft.Id, $"drafts[{index}].Id");
        var externalId = draft.ExternalId is null ? null : Guard.ExternalId(draft.ExternalId, $"drafts[{index}].ExternalId");
        var content = Encode(() => ItemContent.Encode(draft.Input, draft.ExpectedOutput, draft.Metadata), index, id);
        return new PreparedDraft(id, externalId, content);
    }

    private static ItemContent Encode(Func<ItemContent> encode, int? index, string? itemId)
    {
        ItemContent content;
        try
        {
            content = encode();
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidPayload(index, itemId, problem.Pointer, problem.Problem);
        }

        CheckSize(content, index, itemId);
        return content;
    }

    private static (byte[]? Stored, string? Canonical) EncodePart(System.Text.Json.Nodes.JsonNode node, string part, string itemId)
    {
        try
        {
            return ItemContent.EncodePart(node, part);
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidPayload(null, itemId, problem.Pointer, problem.Problem);
        }
    }

    private static void CheckSize(ItemContent content, int? index, string? itemId)
    {
        if (content.StoredBytes > MaxPayloadBytes)
        {
            throw Errors.InvalidPayload(index, itemId, "", $"is larger than the {MaxPayloadBytes / 1_000_000} MB an item may hold");
        }
    }

    private static string NewItemId() => Guid.CreateVersion7().ToString();

    /// <summary>
    /// The most payload text one item may hold: LiteDB's document limit (about 16 MB) less room for the
    /// revision's own fields.
    /// </summary>
    internal const int MaxPayloadBytes = 16_000_000;

    private sealed record PreparedDraft(string? Id, string? ExternalId, ItemContent Content);
}
