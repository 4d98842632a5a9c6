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
    public Commit AddItems(string datasetId, IEnumerable<ItemDraft> drafts, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(datasetId);
        var prepared = Prepare(drafts);
        var externalIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < prepared.Count; i++)
        {
            CheckUnique(externalIds, prepared[i].ExternalId, i, ext => Errors.ExternalIdRepeated(ext, externalIds[ext], i));
            CheckUnique(ids, prepared[i].Id, i, id => Errors.ItemIdRepeated(datasetId, id, ids[id], i));
        }

        return WriteItems(datasetId, options, write =>
        {
            var items = new List<RevisionRecord>(prepared.Count);
            for (var i = 0; i < prepared.Count; i++)
            {
                var draft = prepared[i];
                if (draft.Id is not null && write.WasEverUsed(draft.Id))
                {
                    throw Errors.ItemIdTaken(datasetId, draft.Id);
                }

                if (draft.ExternalId is not null && write.FindLiveByExternalId(draft.ExternalId) is not null)
                {
                    throw Errors.ExternalIdTaken(datasetId, draft.ExternalId);
                }

                items.Add(write.Add(draft.Id ?? NewItemId(), draft.ExternalId, draft.Content, i));
            }

            return items;
        });
    }

    /// <summary>Changes parts of one live item as a new version; identical content creates no version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="patch">The parts to change; null parts are kept.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the item as it now is.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotFound"/>, <see cref="ErrorCode.InvalidPayload"/>, <see cref="ErrorCode.VersionConflict"/>.</exception>
    public Commit UpdateItem(string datasetId, string itemId, ItemPatch patch, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(datasetId);
        ArgumentNullException.ThrowIfNull(itemId);
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
                input.Text ?? current.InputText,
                keepExpected ? current.ExpectedText : expected.Text,
                keepMetadata ? current.MetadataText : metadata.Text,
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
        ArgumentNullException.ThrowIfNull(itemId);
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
        ArgumentNullException.ThrowIfNull(datasetId);
        ArgumentNullException.ThrowIfNull(itemIds);
        var ids = itemIds.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(itemIds));
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
    public Commit UpsertItems(string datasetId, IEnumerable<ItemDraft> drafts, UpsertMode mode = UpsertMode.Upsert, WriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(datasetId);
        var prepared = Prepare(drafts);
        var externalIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < prepared.Count; i++)
        {
            var draft = prepared[i];
            if (mode == UpsertMode.Sync && draft.ExternalId is null)
            {
                throw Errors.InvalidPayload(i, draft.Id, "/externalId", "has no external id, which Sync needs to match items");
            }

            CheckUnique(externalIds, draft.ExternalId, i, ext => Errors.ExternalIdRepeated(ext, externalIds[ext], i));
            CheckUnique(ids, draft.ExternalId is null ? draft.Id : null, i, id => Errors.ItemIdRepeated(datasetId, id, ids[id], i));
        }

        return WriteItems(datasetId, options, write =>
        {
            var items = new List<RevisionRecord>(prepared.Count);
            var matched = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < prepared.Count; i++)
            {
                var draft = prepared[i];
                var live = draft.ExternalId is not null ? write.FindLiveByExternalId(draft.ExternalId)
                    : draft.Id is not null ? write.FindLive(draft.Id)
                    : null;
                if (live is null)
                {
                    if (draft.Id is not null && write.WasEverUsed(draft.Id))
                    {
                        throw Errors.ItemIdTaken(datasetId, draft.Id);
                    }

                    items.Add(write.Add(draft.Id ?? NewItemId(), draft.ExternalId, draft.Content, i));
                    continue;
                }

                if (!matched.TryAdd(live.ItemId, i))
                {
                    throw Errors.ItemIdRepeated(datasetId, live.ItemId, matched[live.ItemId], i);
                }

                items.Add(write.Update(live, draft.Content, i));
            }

            if (mode == UpsertMode.Sync)
            {
                var kept = new HashSet<string>(items.Select(r => r.ItemId), StringComparer.Ordinal);
                foreach (var live in write.AllLive())
                {
                    if (!kept.Contains(live.ItemId))
                    {
                        write.Delete(live);
                    }
                }
            }

            return items;
        });
    }

    /// <summary>Runs an item write: one transaction, one version if anything changed.</summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ItemWrite, List<RevisionRecord>> body) =>
        WriteItems(datasetId, options, (write, _) => body(write), () => options?.Message);

    /// <summary>
    /// Runs an item write: checks the dataset and the expected version, gathers the body's changes (the body
    /// may still refuse the call by throwing), and stores them as one version if there are any.
    /// </summary>
    private Commit WriteItems(string datasetId, WriteOptions? options, Func<ItemWrite, DatasetRecord, List<RevisionRecord>> body, Func<string?> message) =>
        Write(datasetId, () =>
        {
            var dataset = RequireDatasetForUpdate(datasetId);
            CheckExpectedVersion(dataset, options);
            var write = new ItemWrite(RevisionRows, VersionRows, DatasetRows, dataset, Now());
            var rows = body(write, dataset);
            write.ThrowIfSchemaFailed();
            var items = rows.Select(r => r.ToItem(datasetId)).ToList();
            if (!write.HasChanges)
            {
                return (new Commit(datasetId, dataset.Version, false, 0, 0, 0, items, []), false);
            }

            var after = write.Finish(message());
            return (new Commit(datasetId, after.Version, true, write.Added, write.Updated, write.Deleted, items, write.DeletedIds), true);
        });

    private static List<PreparedDraft> Prepare(IEnumerable<ItemDraft> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var result = new List<PreparedDraft>(drafts.TryGetNonEnumeratedCount(out var count) ? count : 16);
        var index = 0;
        foreach (var draft in drafts)
        {
            if (draft is null)
            {
                throw new ArgumentException($"Draft {index} is null.", nameof(drafts));
            }

            var id = draft.Id is null ? null : Guard.Name(draft.Id, $"drafts[{index}].Id");
            var externalId = draft.ExternalId is null ? null : Guard.ExternalId(draft.ExternalId, $"drafts[{index}].ExternalId");
            var i = index;
            var content = Encode(() => ItemContent.Encode(draft.Input, draft.ExpectedOutput, draft.Metadata), i, id);
            result.Add(new PreparedDraft(id, externalId, content));
            index++;
        }

        return result;
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

    private static (string? Text, string? Canonical) EncodePart(System.Text.Json.Nodes.JsonNode node, string part, string itemId)
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
        var size = (long)content.InputText.Length + (content.ExpectedText?.Length ?? 0) + (content.MetadataText?.Length ?? 0);
        if (size * 3 > MaxPayloadBytes && Encoding.UTF8.GetByteCount(content.InputText) + Encoding.UTF8.GetByteCount(content.ExpectedText ?? "") + Encoding.UTF8.GetByteCount(content.MetadataText ?? "") > MaxPayloadBytes)
        {
            throw Errors.InvalidPayload(index, itemId, "", $"is larger than the {MaxPayloadBytes / 1_000_000} MB an item may hold");
        }
    }

    private static void CheckUnique(Dictionary<string, int> seen, string? key, int index, Func<string, Exception> error)
    {
        if (key is not null && !seen.TryAdd(key, index))
        {
            throw error(key);
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
