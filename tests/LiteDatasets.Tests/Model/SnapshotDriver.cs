using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>
/// Performs seeded random write calls on one dataset of a store and, for each, works out in the reference
/// model what the call must do; checks every returned commit and keeps the model in step.
/// </summary>
public sealed partial class SnapshotDriver
{
    private readonly IDatasetStore _store;
    private readonly FakeClock _clock;
    private readonly Random _random;
    private readonly RandomContent _content;
    private readonly string _context;
    private readonly List<string> _freedExternalIds = [];
    private readonly HashSet<string> _issuedIds = new(StringComparer.Ordinal);
    private int _fresh;
    private int _step;

    public SnapshotDriver(IDatasetStore store, FakeClock clock, Random random, string context)
    {
        _store = store;
        _clock = clock;
        _random = random;
        _content = new RandomContent(random);
        _context = context;
        var createdAt = Now();
        var dataset = store.CreateDataset(new DatasetDefinition("model"));
        Assert.That(dataset.CreatedAt, Is.EqualTo(ModelItem.Time(createdAt)), $"{context}: dataset CreatedAt has millisecond precision");
        DatasetId = dataset.Id;
        Model = new ReferenceDataset(createdAt);
    }

    public string DatasetId { get; }

    public ReferenceDataset Model { get; }

    /// <summary>Gets how many calls were expected to fail, and did.</summary>
    public int FailuresChecked { get; private set; }

    public void Run(int operations)
    {
        for (_step = 0; _step < operations; _step++)
        {
            MoveClock();
            var roll = _random.Next(100);
            if (roll < 10)
            {
                RunFailing();
                continue;
            }

            var op = roll switch
            {
                < 14 => AddItem(),
                < 17 => AddItems(),
                < 50 => UpdateItem(),
                < 57 => DeleteItem(),
                < 63 => DeleteItems(),
                < 78 => Upsert(),
                < 83 => Sync(),
                _ => UpdateItem(),
            };

            RunOperation(op);
        }
    }

    private string Where(string what) => string.Create(CultureInfo.InvariantCulture, $"{_context}, step {_step}: {what}");

    private long Now() => _clock.GetUtcNow().ToUnixTimeMilliseconds();

    private void MoveClock()
    {
        var roll = _random.Next(10);
        if (roll < 7)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(_random.Next(0, 1500)) + TimeSpan.FromTicks(_random.Next(0, 10_000)));
        }
        else if (roll == 9)
        {
            // The clock going back must not make a version older than the one before it.
            _clock.Advance(-TimeSpan.FromMilliseconds(_random.Next(0, 5000)) - TimeSpan.FromTicks(_random.Next(0, 10_000)));
        }
    }

    private void RunOperation(Operation op)
    {
        TryWrongExpectedVersion(op);

        var options = _random.Next(4) switch
        {
            0 => new WriteOptions { Message = _content.Message() },
            1 => new WriteOptions { ExpectedVersion = Model.Current },
            2 when _random.Next(2) == 0 => new WriteOptions { Message = _content.Message(), ExpectedVersion = Model.Current },
            _ => null,
        };

        var what = Where(op.What + (options is null ? "" : $" with {options}"));
        var now = Now();
        Commit commit;
        try
        {
            commit = op.Call(options);
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            Assert.Fail($"{what}: threw {ex}");
            return;
        }

        if (op.ReturnsItems)
        {
            CheckGeneratedIds(op, commit, what);
        }

        var expected = Model.Apply(op.Drafts, op.Deletes, i => commit.Items[i].Id, now, options?.Message);
        Assert.That(
            (commit.DatasetId, commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted),
            Is.EqualTo((DatasetId, expected.Version, expected.Created, expected.Added, expected.Updated, expected.Deleted)),
            $"{what}: commit version, Created and counts");
        Assert.That(commit.DeletedIds, Is.EquivalentTo(expected.DeletedIds), $"{what}: commit DeletedIds");
        if (op.ReturnsItems)
        {
            Assert.That(commit.Items.Select(ModelItem.Describe).ToList(), Is.EqualTo(expected.Items.Select(i => i.Describe()).ToList()), $"{what}: commit items");
        }

        _freedExternalIds.AddRange(op.Deletes.Where(d => d.ExternalId is not null).Select(d => d.ExternalId!));

        CheckCurrent(what);
    }

    /// <summary>Now and then, makes the call with a wrong expected version, which must fail and write nothing, even a no-op.</summary>
    private void TryWrongExpectedVersion(Operation op)
    {
        var roll = _random.Next(100);
        if (roll < 7)
        {
            // The same call with a wrong expected version must fail and write nothing, even a no-op.
            var wrong = _random.Next(3) switch
            {
                0 => Model.Current + 1 + _random.Next(3),
                1 => Model.Current - 1 - _random.Next(3),
                _ => -1,
            };
            if (wrong != Model.Current)
            {
                ExpectFailure($"{op.What} with ExpectedVersion {wrong}", ErrorCode.VersionConflict, () => op.Call(new WriteOptions { ExpectedVersion = wrong }));
            }
        }
    }

    /// <summary>Checks the returned items: one per draft, and an id the store generated is a new UUID v7.</summary>
    private void CheckGeneratedIds(Operation op, Commit commit, string what)
    {
        Assert.That(commit.Items, Has.Count.EqualTo(op.Drafts.Count), $"{what}: one returned item per draft");
        var generated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < op.Drafts.Count; i++)
        {
            if (op.Drafts[i] is { Target: null, GivenId: null })
            {
                var id = commit.Items[i].Id;
                Assert.That(Guid.TryParse(id, out var guid) && guid.Version == 7, Is.True, $"{what}: generated id '{id}' is a UUID v7");
                Assert.That(!Model.WasEverUsed(id) && generated.Add(id), Is.True, $"{what}: generated id '{id}' is new");
            }
        }
    }

    private void ExpectFailure(string what, ErrorCode code, Func<Commit> call)
    {
        what = Where(what);
        Assert.That(
            () => call(),
            Fails.With(code),
            $"{what}: must fail with {code}");
        CheckCurrent(what + " (after the failure)");
        FailuresChecked++;
    }

    private void CheckCurrent(string what)
    {
        var dataset = _store.GetDataset(DatasetId)!;
        Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((Model.Current, (long)Model.LiveItems.Count)), $"{what}: dataset version and item count");
    }

    private Operation AddItem()
    {
        var draft = NewDraft(new HashSet<string>(StringComparer.Ordinal), allowNoExternalId: true);
        return new Operation("AddItem", [draft.Plan], [], options => _store.AddItem(DatasetId, draft.Draft, options));
    }

    private Operation AddItems()
    {
        var inCall = new HashSet<string>(StringComparer.Ordinal);
        var drafts = Enumerable.Range(0, _random.Next(0, 21)).Select(_ => NewDraft(inCall, allowNoExternalId: true)).ToList();
        return new Operation($"AddItems of {drafts.Count}", [.. drafts.Select(d => d.Plan)], [], options => _store.AddItems(DatasetId, drafts.Select(d => d.Draft).ToList(), options));
    }

    private Operation UpdateItem()
    {
        if (Model.LiveItems.Count == 0)
        {
            return AddItem();
        }

        var live = Pick(Model.LiveItems);
        var current = live.Content;
        string input = current.Input;
        string? expected = current.Expected;
        string? metadata = current.Metadata;
        var patch = new ItemPatch();
        if (_random.Next(12) != 0)
        {
            var next = _content.NewContent();
            var reordered = _content.Reordered(current);
            switch (_random.Next(10))
            {
                case < 4: patch = patch with { Input = JsonNode.Parse(next.Input) }; input = next.Input; break;
                case 4: patch = patch with { Input = JsonNode.Parse(reordered.Input) }; input = reordered.Input; break;
                case 5 when _content.Respelled(current) is { } respelled: patch = patch with { Input = JsonNode.Parse(respelled.Input) }; input = respelled.Input; break;
            }

            switch (_random.Next(10))
            {
                case < 3 when next.Expected is not null: patch = patch with { ExpectedOutput = JsonNode.Parse(next.Expected) }; expected = next.Expected; break;
                case 3 when reordered.Expected is not null: patch = patch with { ExpectedOutput = JsonNode.Parse(reordered.Expected) }; expected = reordered.Expected; break;
                case 4: patch = patch with { ClearExpectedOutput = true }; expected = null; break;
            }

            switch (_random.Next(10))
            {
                case < 3 when next.Metadata is not null: patch = patch with { Metadata = JsonNode.Parse(next.Metadata)!.AsObject() }; metadata = next.Metadata; break;
                case 3 when reordered.Metadata is not null: patch = patch with { Metadata = JsonNode.Parse(reordered.Metadata)!.AsObject() }; metadata = reordered.Metadata; break;
                case 4: patch = patch with { ClearMetadata = true }; metadata = null; break;
            }
        }

        var plan = new PlannedDraft(live, null, live.ExternalId, new ModelContent(input, expected, metadata));
        return new Operation($"UpdateItem {live.Id} with {Describe(patch)}", [plan], [], options => _store.UpdateItem(DatasetId, live.Id, patch, options));
    }

    private Operation DeleteItem()
    {
        if (Model.LiveItems.Count == 0)
        {
            return AddItems();
        }

        var live = Pick(Model.LiveItems);
        return new Operation($"DeleteItem {live.Id}", [], [live], options => _store.DeleteItem(DatasetId, live.Id, options), ReturnsItems: false);
    }

    private Operation DeleteItems()
    {
        var chosen = Model.LiveItems.OrderBy(_ => _random.Next()).Take(_random.Next(0, Math.Min(6, Model.LiveItems.Count + 1))).ToList();
        var ids = chosen.Select(i => i.Id).ToList();
        return new Operation($"DeleteItems [{string.Join(", ", ids)}]", [], chosen, options => _store.DeleteItems(DatasetId, ids, options), ReturnsItems: false);
    }

    private Operation Upsert()
    {
        var inCall = new HashSet<string>(StringComparer.Ordinal);
        var targeted = new HashSet<string>(StringComparer.Ordinal);
        var drafts = new List<(ItemDraft Draft, PlannedDraft Plan)>();
        var count = _random.Next(0, 8);
        for (var i = 0; i < count; i++)
        {
            var roll = _random.Next(100);
            var withExternalId = Model.LiveItems.Where(l => l.ExternalId is not null && !targeted.Contains(l.Id)).ToList();
            var any = Model.LiveItems.Where(l => !targeted.Contains(l.Id) && (l.ExternalId is null || !inCall.Contains(l.ExternalId))).ToList();
            if (roll < 35 && withExternalId.Count > 0)
            {
                // Matched by external id; an id on the draft is then ignored.
                var live = Pick(withExternalId);
                targeted.Add(live.Id);
                inCall.Add(live.ExternalId!);
                var content = _content.Variant(live.Content);
                var ignoredId = _random.Next(6) == 0 ? FreshId() : null;
                drafts.Add((RandomContent.Draft(content, ignoredId, live.ExternalId), new PlannedDraft(live, null, live.ExternalId, content)));
            }
            else if (roll < 60 && any.Count > 0)
            {
                // Matched by id (no external id on the draft); the item keeps its external id.
                var live = Pick(any);
                targeted.Add(live.Id);
                var content = _content.Variant(live.Content);
                drafts.Add((RandomContent.Draft(content, live.Id, null), new PlannedDraft(live, null, live.ExternalId, content)));
            }
            else
            {
                drafts.Add(NewDraft(inCall, allowNoExternalId: true));
            }
        }

        return new Operation($"UpsertItems (Upsert) of {drafts.Count}", [.. drafts.Select(d => d.Plan)], [], options => _store.UpsertItems(DatasetId, drafts.Select(d => d.Draft).ToList(), UpsertMode.Upsert, options));
    }

    private Operation Sync()
    {
        var inCall = new HashSet<string>(StringComparer.Ordinal);
        var drafts = new List<(ItemDraft Draft, PlannedDraft Plan)>();
        if (_random.Next(15) != 0)
        {
            foreach (var live in Model.LiveItems.Where(l => l.ExternalId is not null && _random.Next(10) < 8))
            {
                inCall.Add(live.ExternalId!);
                var content = _content.Variant(live.Content);
                drafts.Add((RandomContent.Draft(content, null, live.ExternalId), new PlannedDraft(live, null, live.ExternalId, content)));
            }

            var added = _random.Next(0, 4);
            for (var i = 0; i < added; i++)
            {
                drafts.Add(NewDraft(inCall, allowNoExternalId: false));
            }

            _random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(drafts));
        }

        var kept = new HashSet<string>(drafts.Where(d => d.Plan.Target is not null).Select(d => d.Plan.Target!.Id), StringComparer.Ordinal);
        var deletes = Model.LiveItems.Where(l => !kept.Contains(l.Id)).ToList();
        return new Operation($"UpsertItems (Sync) of {drafts.Count}", [.. drafts.Select(d => d.Plan)], deletes, options => _store.UpsertItems(DatasetId, drafts.Select(d => d.Draft).ToList(), UpsertMode.Sync, options));
    }

    private (ItemDraft Draft, PlannedDraft Plan) NewDraft(HashSet<string> inCall, bool allowNoExternalId)
    {
        var content = _content.NewContent();
        var id = _random.Next(4) == 0 ? FreshId() : null;
        var externalId = !allowNoExternalId || _random.Next(2) == 0 ? FreshExternalId(inCall) : null;
        return (RandomContent.Draft(content, id, externalId), new PlannedDraft(null, id, externalId, content));
    }

    /// <summary>Returns an external id that no live item and no draft of the call has, and records it in <paramref name="inCall"/>.</summary>
    private string FreshExternalId(HashSet<string> inCall)
    {
        while (true)
        {
            var candidate = _random.Next(10) switch
            {
                < 5 => "ext-" + Fresh(),
                5 or 6 when Model.LiveItems.FirstOrDefault(l => l.ExternalId is not null) is { } live => SwapCase(live.ExternalId!),
                7 when _freedExternalIds.Count > 0 => Pick(_freedExternalIds),
                8 => "ключ/" + Fresh() + " ~",
                _ => new string('x', _random.Next(200, 4000)) + Fresh(),
            };
            if (Model.LiveByExternalId(candidate) is null && inCall.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private string FreshId()
    {
        while (true)
        {
            var candidate = _random.Next(10) switch
            {
                < 7 => "item-" + Fresh(),
                7 or 8 when Model.AllIds.Count > 0 => SwapCase(Pick(Model.AllIds)),
                _ => "élément " + Fresh(),
            };
            if (!Model.WasEverUsed(candidate) && _issuedIds.Add(candidate))
            {
                return candidate;
            }
        }
    }

    private static string SwapCase(string value) =>
        string.Concat(value.Select(c => char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)));

    private string Fresh() => (++_fresh).ToString(CultureInfo.InvariantCulture);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static string Describe(ItemPatch patch) =>
        $"{{Input={patch.Input?.ToJsonString() ?? "keep"}, ExpectedOutput={patch.ExpectedOutput?.ToJsonString() ?? "keep"}, Metadata={patch.Metadata?.ToJsonString() ?? "keep"}, ClearExpectedOutput={patch.ClearExpectedOutput}, ClearMetadata={patch.ClearMetadata}}}";

    /// <summary>A write call, what it must do in the model, and the call itself (taking the write options).</summary>
    private sealed record Operation(string What, IReadOnlyList<PlannedDraft> Drafts, IReadOnlyList<ModelItem> Deletes, Func<WriteOptions?, Commit> Call, bool ReturnsItems = true);
}
