using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

public sealed partial class SnapshotDriver
{
    /// <summary>Runs a call that must fail with a given code and change nothing.</summary>
    private void RunFailing()
    {
        var live = Model.LiveItems;
        var deleted = Model.DeletedIds.ToList();
        var liveWithExternalId = live.Where(l => l.ExternalId is not null).ToList();
        var content = _content.NewContent();
        var choice = _random.Next(12);
        if (!FailOnMissingItem(choice, live, deleted)
            && !FailOnTakenIdInAdd(choice, liveWithExternalId, content)
            && !FailOnUpsertConflict(choice, live, deleted, liveWithExternalId, content))
        {
            FailOnDeepInput();
        }
    }

    /// <summary>Calls naming an item that does not exist or is deleted: ItemNotFound. Returns false when <paramref name="choice"/> is none of these or its precondition fails.</summary>
    private bool FailOnMissingItem(int choice, IReadOnlyList<ModelItem> live, List<string> deleted)
    {
        switch (choice)
        {
            case 0:
            {
                var id = "unknown-" + Fresh();
                ExpectFailure($"UpdateItem of unknown {id}", ErrorCode.ItemNotFound, () => _store.UpdateItem(DatasetId, id, new ItemPatch { Input = JsonValue.Create(1) }));
                return true;
            }

            case 1 when deleted.Count > 0:
            {
                var id = Pick(deleted);
                ExpectFailure($"UpdateItem of deleted {id}", ErrorCode.ItemNotFound, () => _store.UpdateItem(DatasetId, id, new ItemPatch { ClearMetadata = true }));
                return true;
            }

            case 2:
            {
                var ids = live.OrderBy(_ => _random.Next()).Take(_random.Next(0, 3)).Select(l => l.Id).ToList();
                var missing = deleted.Count > 0 && _random.Next(2) == 0 ? Pick(deleted) : "unknown-" + Fresh();
                ids.Insert(_random.Next(ids.Count + 1), missing);
                ExpectFailure($"DeleteItems [{string.Join(", ", ids)}] including {missing}", ErrorCode.ItemNotFound, () => _store.DeleteItems(DatasetId, ids));
                return true;
            }

            case 3 when deleted.Count > 0:
            {
                var id = Pick(deleted);
                ExpectFailure($"DeleteItem of deleted {id}", ErrorCode.ItemNotFound, () => _store.DeleteItem(DatasetId, id));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Adds that reuse a live external id, repeat one, or reuse a used id: ExternalIdTaken or ItemIdTaken. Returns false when <paramref name="choice"/> is none of these or its precondition fails.</summary>
    private bool FailOnTakenIdInAdd(int choice, List<ModelItem> liveWithExternalId, ModelContent content)
    {
        switch (choice)
        {
            case 4 when liveWithExternalId.Count > 0:
            {
                var taken = Pick(liveWithExternalId).ExternalId!;
                var batch = ValidBatch(_random.Next(0, 4), [taken]);
                batch.Insert(_random.Next(batch.Count + 1), RandomContent.Draft(content, null, taken));
                ExpectFailure($"AddItems with external id {taken} of a live item", ErrorCode.ExternalIdTaken, () => _store.AddItems(DatasetId, batch));
                return true;
            }

            case 5:
            {
                var repeated = FreshExternalId(new HashSet<string>(StringComparer.Ordinal));
                var batch = ValidBatch(_random.Next(0, 4), [repeated]);
                batch.Insert(_random.Next(batch.Count + 1), RandomContent.Draft(content, null, repeated));
                batch.Insert(_random.Next(batch.Count + 1), RandomContent.Draft(_content.NewContent(), null, repeated));
                ExpectFailure($"AddItems repeating external id {repeated}", ErrorCode.ExternalIdTaken, () => _store.AddItems(DatasetId, batch));
                return true;
            }

            case 6 when Model.AllIds.Count > 0:
            {
                var used = Pick(Model.AllIds);
                var batch = ValidBatch(_random.Next(0, 4), []);
                batch.Insert(_random.Next(batch.Count + 1), RandomContent.Draft(content, used, null));
                ExpectFailure($"AddItems with used id {used}", ErrorCode.ItemIdTaken, () => _store.AddItems(DatasetId, batch));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Upserts that repeat an external id, take a used id, or sync a draft without external id. Returns false when <paramref name="choice"/> is none of these or its precondition fails.</summary>
    private bool FailOnUpsertConflict(int choice, IReadOnlyList<ModelItem> live, List<string> deleted, List<ModelItem> liveWithExternalId, ModelContent content)
    {
        switch (choice)
        {
            case 7:
            {
                var repeated = liveWithExternalId.Count > 0 && _random.Next(2) == 0 ? Pick(liveWithExternalId).ExternalId! : FreshExternalId(new HashSet<string>(StringComparer.Ordinal));
                var batch = new List<ItemDraft> { RandomContent.Draft(content, null, repeated), RandomContent.Draft(_content.NewContent(), null, repeated) };
                ExpectFailure($"UpsertItems repeating external id {repeated}", ErrorCode.ExternalIdTaken, () => _store.UpsertItems(DatasetId, batch, _random.Next(2) == 0 ? UpsertMode.Upsert : UpsertMode.Sync));
                return true;
            }

            case 8 when deleted.Count > 0:
            {
                var id = Pick(deleted);
                ExpectFailure($"UpsertItems with the id of deleted {id}", ErrorCode.ItemIdTaken, () => _store.UpsertItems(DatasetId, [RandomContent.Draft(content, id, null)]));
                return true;
            }

            case 9 when live.Count > 0:
            {
                var id = Pick(live).Id;
                var externalId = FreshExternalId(new HashSet<string>(StringComparer.Ordinal));
                ExpectFailure($"UpsertItems adding {externalId} with the id of live {id}", ErrorCode.ItemIdTaken, () => _store.UpsertItems(DatasetId, [RandomContent.Draft(content, id, externalId)]));
                return true;
            }

            case 10:
            {
                var batch = ValidBatch(_random.Next(0, 4), []);
                batch.Insert(_random.Next(batch.Count + 1), RandomContent.Draft(content, null, null));
                ExpectFailure("UpsertItems (Sync) with a draft without external id", ErrorCode.InvalidPayload, () => _store.UpsertItems(DatasetId, batch, UpsertMode.Sync));
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>An add whose input is nested deeper than allowed: InvalidPayload.</summary>
    private void FailOnDeepInput()
    {
        JsonNode deep = new JsonArray();
        for (var i = 1; i < 65; i++)
        {
            deep = new JsonArray(deep);
        }

        var batch = ValidBatch(_random.Next(0, 4), []);
        batch.Insert(_random.Next(batch.Count + 1), new ItemDraft(deep));
        ExpectFailure("AddItems with an input nested 65 deep", ErrorCode.InvalidPayload, () => _store.AddItems(DatasetId, batch));
    }

    /// <summary>Drafts that would be accepted on their own, with fresh external ids not in <paramref name="avoid"/>.</summary>
    private List<ItemDraft> ValidBatch(int count, HashSet<string> avoid) =>
        Enumerable.Range(0, count).Select(_ => RandomContent.Draft(_content.NewContent(), null, FreshExternalId(avoid))).ToList();
}
