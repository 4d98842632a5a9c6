using System.Globalization;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Item writes: add, update, delete, upsert, sync, import and restore. Each call is one unit of work that
/// creates at most one version; drafts are checked and encoded as they are read, inside the write.
/// </summary>
/// <param name="engine">The storage engine.</param>
/// <param name="clock">The clock of every timestamp.</param>
/// <param name="patternTimeBudget">The pattern-matching time of one call's schema checks (see <see cref="Schemas.PatternBudget"/>).</param>
internal sealed class ItemWrites(IStorageEngine engine, TimeProvider clock, TimeSpan patternTimeBudget)
{
    /// <summary>
    /// The most items a write may name to be batched with other writers' (see <see cref="IStorageEngine.WriteRepeatable{T}"/>):
    /// a batch stays short, and so does running one again after another write of its batch failed.
    /// </summary>
    private const int RepeatableItems = 64;

    public Commit AddItem(string datasetId, ItemDraft draft, WriteOptions? options)
    {
        Guard.NotNull(draft);
        return AddItems(datasetId, [draft], options);
    }

    public Commit AddItems(string datasetId, IEnumerable<ItemDraft> drafts, WriteOptions? options) =>
        ApplyDrafts(datasetId, drafts, ImportMode.Append, options, collectItems: true).Commit;

    public Commit UpdateItem(string datasetId, string itemId, ItemPatch patch, WriteOptions? options)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        Guard.NotNull(patch);
        DatasetRules.CheckClearConflict(patch.ExpectedOutput is not null && !ItemContent.IsNull(patch.ExpectedOutput), patch.ClearExpectedOutput, "ExpectedOutput");
        DatasetRules.CheckClearConflict(patch.Metadata is not null, patch.ClearMetadata, "Metadata");
        if (patch.Input is not null && ItemContent.IsNull(patch.Input))
        {
            throw Errors.InvalidPayload(null, itemId, "/input", "has no input (null is not a valid input)");
        }

        var input = patch.Input is null ? default : EncodePart(patch.Input, "/input", itemId);
        var clearExpected = patch.ClearExpectedOutput || (patch.ExpectedOutput is not null && ItemContent.IsNull(patch.ExpectedOutput));
        var expected = clearExpected || patch.ExpectedOutput is null ? default : EncodePart(patch.ExpectedOutput, "/expectedOutput", itemId);
        var metadata = patch.Metadata is null ? default : EncodePart(patch.Metadata, "/metadata", itemId);
        return WriteItems(datasetId, options, changes =>
        {
            var live = changes.FindLive(itemId) ?? throw Errors.ItemNotFound(datasetId, itemId);
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
            return [changes.Update(live, content, null)];
        }, repeatable: true);
    }

    public Commit DeleteItem(string datasetId, string itemId, WriteOptions? options)
    {
        Guard.Name(itemId);
        return DeleteItems(datasetId, [itemId], options);
    }

    public Commit DeleteItems(string datasetId, IEnumerable<string> itemIds, WriteOptions? options)
    {
        Guard.Name(datasetId);
        Guard.NotNull(itemIds);
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

        return WriteItems(datasetId, options, changes =>
        {
            foreach (var id in ids)
            {
                changes.Delete(changes.FindLive(id) ?? throw Errors.ItemNotFound(datasetId, id));
            }

            return [];
        }, repeatable: ids.Count <= RepeatableItems);
    }

    public Commit UpsertItems(string datasetId, IEnumerable<ItemDraft> drafts, UpsertMode mode, WriteOptions? options) =>
        // UpsertMode.Upsert and .Sync have the values of the ImportMode members of the same names.
        ApplyDrafts(datasetId, drafts, (ImportMode)Guard.Defined(mode), options, collectItems: true).Commit;

    public ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options) =>
        Import(datasetId, drafts, Guard.Defined(mode), options, onRepeat: null);

    public ImportResult ImportItems(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, Action<DraftRepeat> onRepeat)
    {
        Guard.NotNull(onRepeat);
        return Import(datasetId, drafts, Guard.Defined(mode), options, onRepeat);
    }

    public Commit RestoreVersion(string datasetId, long version, WriteOptions? options)
    {
        Guard.Name(datasetId);
        return Restore(datasetId, (_, _) => version, options);
    }

    public Commit RestoreVersion(string datasetId, string tag, WriteOptions? options)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        return Restore(datasetId, (rows, dataset) => DatasetRules.ResolveTag(rows, dataset, tag), options);
    }

    private ImportResult Import(string datasetId, IEnumerable<ItemDraft> drafts, ImportMode mode, WriteOptions? options, Action<DraftRepeat>? onRepeat)
    {
        var (commit, unchanged, applied) = ApplyDrafts(datasetId, drafts, mode, options, collectItems: false, onRepeat);
        return new ImportResult(commit.DatasetId, commit.Version, commit.Created, applied, commit.Added, commit.Updated, commit.Deleted, unchanged);
    }

    /// <summary>Makes the live items exactly the snapshot at the version <paramref name="target"/> picks, as one new version.</summary>
    private Commit Restore(string datasetId, Func<IStoreReader, DatasetRow, long> target, WriteOptions? options)
    {
        long restored = 0;
        return WriteItems(datasetId, options, (changes, rows, dataset) =>
        {
            restored = target(rows, dataset);
            DatasetRules.CheckVersion(dataset, restored);
            var items = new List<RevisionRow>();
            foreach (var (current, earlier) in DiffPlanner.ChangedItems(rows, dataset, dataset.Version, restored))
            {
                if (earlier is null)
                {
                    changes.Delete(current!);
                }
                else
                {
                    items.Add(current is null ? changes.Revive(earlier) : changes.Restore(current, earlier));
                }
            }

            return items;
        }, () => options?.Message ?? string.Create(CultureInfo.InvariantCulture, $"Restored version {restored}"), repeatable: false);
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
        Guard.NotNull(drafts);
        int unchanged = 0, applied = 0;
        var repeatable = onRepeat is null && drafts is IReadOnlyCollection<ItemDraft> { Count: <= RepeatableItems };
        var commit = WriteItems(datasetId, options, changes =>
        {
            // The body may run more than once (see WriteItems): each run counts afresh.
            (unchanged, applied) = (0, 0);
            changes.KeepDeletedIds = collectItems;
            var rows = new List<RevisionRow>();

            // The position of the draft that touched each item (plus one: zero means untouched), by sequence number.
            var touched = new PagedArray<int>();
            var position = 0;
            foreach (var draft in drafts)
            {
                var index = position++;
                var prepared = PrepareDraft(draft, index);
                CheckSyncKey(mode, prepared, index);

                var repeat = FindRepeat(changes, touched, mode, prepared, index, out var live);
                if (repeat is not null)
                {
                    PassOnRepeat(repeat, onRepeat, datasetId, index);
                    continue;
                }

                RevisionRow row;
                if (live is null)
                {
                    row = changes.Add(prepared.Id ?? NewItemId(), prepared.ExternalId, prepared.Content, index);
                }
                else
                {
                    row = changes.Update(live, prepared.Content, index);
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
                DeleteUntouched(changes, touched);
            }

            return rows;
        }, repeatable);
        return (commit, unchanged, applied);
    }

    /// <summary>Refuses, in Sync mode, a draft without an external id: Sync matches items by it.</summary>
    private static void CheckSyncKey(ImportMode mode, PreparedDraft prepared, int index)
    {
        if (mode == ImportMode.Sync && prepared.ExternalId is null)
        {
            throw Errors.InvalidPayload(index, prepared.Id, "/externalId", "has no external id, which Sync needs to match items");
        }
    }

    /// <summary>Passes a repeated draft to <paramref name="onRepeat"/>; without one, a repeat is refused.</summary>
    private static void PassOnRepeat(DraftRepeat repeat, Action<DraftRepeat>? onRepeat, string datasetId, int index)
    {
        if (onRepeat is null)
        {
            throw repeat.IsExternalId ? Errors.ExternalIdRepeated(repeat.Key, repeat.First, index) : Errors.ItemIdRepeated(datasetId, repeat.Key, repeat.First, index);
        }

        onRepeat(repeat);
    }

    /// <summary>Deletes every live item that no draft touched (Sync mode).</summary>
    private static void DeleteUntouched(ChangeSet changes, PagedArray<int> touched)
    {
        foreach (var live in changes.AllLive())
        {
            if (touched[live.Seq] == 0)
            {
                changes.Delete(live);
            }
        }
    }

    /// <summary>
    /// Finds the live item a draft matches (null for a new item), refusing an id or external id the dataset
    /// already uses, and returns the earlier draft's repeat when the item was already touched by this call.
    /// </summary>
    private static DraftRepeat? FindRepeat(ChangeSet changes, PagedArray<int> touched, ImportMode mode, PreparedDraft draft, int index, out RevisionRow? live)
    {
        DraftRepeat? RepeatOf(RevisionRow? row, string key, bool isExternalId) =>
            row is not null && touched[row.Seq] is > 0 and var first ? new DraftRepeat(first - 1, index, key, isExternalId) : null;

        live = null;
        if (mode != ImportMode.Append)
        {
            live = draft.ExternalId is not null ? changes.FindLiveByExternalId(draft.ExternalId)
                : draft.Id is not null ? changes.FindLive(draft.Id)
                : null;
            if (live is not null)
            {
                return RepeatOf(live, draft.ExternalId ?? draft.Id!, draft.ExternalId is not null);
            }
        }

        // A new item: its external id (when appending) and its id must be new to the dataset. Rows this call
        // added are found too, and are repeats.
        var holder = mode == ImportMode.Append && draft.ExternalId is not null ? changes.FindLiveByExternalId(draft.ExternalId) : null;
        if (RepeatOf(holder, draft.ExternalId!, isExternalId: true) is { } repeatedKey)
        {
            return repeatedKey;
        }

        var used = draft.Id is null ? null : changes.FindAny(draft.Id);
        if (RepeatOf(used, draft.Id!, isExternalId: false) is { } repeatedId)
        {
            return repeatedId;
        }

        if (used is not null)
        {
            throw Errors.ItemIdTaken(changes.DatasetId, draft.Id!);
        }

        return holder is null ? null : throw Errors.ExternalIdTaken(changes.DatasetId, draft.ExternalId!);
    }

    /// <summary>Runs an item write: one unit of work, one version if anything changed.</summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ChangeSet, List<RevisionRow>> body, bool repeatable) =>
        WriteItems(datasetId, options, (changes, _, _) => body(changes), () => options?.Message, repeatable);

    /// <summary>
    /// Runs an item write: checks the dataset and the expected version, gathers the body's changes (the body
    /// may still refuse the call by throwing), and stores them as one version if there are any. A
    /// <paramref name="repeatable"/> body (see <see cref="IStorageEngine.WriteRepeatable{T}"/>) may be committed
    /// with other writers' bodies.
    /// </summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ChangeSet, IStoreReader, DatasetRow, List<RevisionRow>> body, Func<string?> message, bool repeatable)
    {
        List<RevisionRow> items = [];
        Func<IStoreWriter, (Commit, bool)> write = rows =>
        {
            var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
            DatasetRules.CheckExpectedVersion(dataset, options);
            var changes = new ChangeSet(rows, dataset, Time.Now(clock), patternTimeBudget);
            items = body(changes, rows, dataset);
            changes.ThrowIfSchemaFailed();
            if (!changes.HasChanges)
            {
                return (new Commit(datasetId, dataset.Version, false, 0, 0, 0, [], []), false);
            }

            var after = changes.Finish(message());
            return (new Commit(datasetId, after.Version, true, changes.Added, changes.Updated, changes.Deleted, [], changes.DeletedIds), true);
        };
        var commit = repeatable ? engine.WriteRepeatable(datasetId, write) : engine.Write(datasetId, write);

        // The stored items are parsed back for the caller after the write, outside its lock and transaction.
        return commit with { Items = items.Select(r => r.ToItem(datasetId)).ToList() };
    }

    private static PreparedDraft PrepareDraft(ItemDraft? draft, int index)
    {
        if (draft is null)
        {
            throw new ArgumentException($"Draft {index} is null; pass an ItemDraft for every item.", nameof(draft));
        }

        var id = draft.Id is null ? null : Guard.Name(draft.Id, $"drafts[{index}].Id");
        var externalId = draft.ExternalId is null ? null : Guard.ExternalId(draft.ExternalId, $"drafts[{index}].ExternalId");
        ItemContent content;
        try
        {
            content = ItemContent.Encode(draft.Input, draft.ExpectedOutput, draft.Metadata);
        }
        catch (PayloadProblem problem)
        {
            throw Errors.InvalidPayload(index, id, problem.Pointer, problem.Problem);
        }

        CheckSize(content, index, id);
        return new PreparedDraft(id, externalId, content);
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
        if (content.StoredBytes > ItemDraft.MaxContentBytes)
        {
            throw Errors.InvalidPayload(index, itemId, "", $"is larger than the {ItemDraft.MaxContentBytes / 1_000_000} MB an item may hold");
        }
    }

    private static string NewItemId() => Guid.CreateVersion7().ToString();

    private sealed record PreparedDraft(string? Id, string? ExternalId, ItemContent Content);
}
