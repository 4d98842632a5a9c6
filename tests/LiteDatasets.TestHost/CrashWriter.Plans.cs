namespace LiteDatasets.TestHost;

/// <summary>The plans of the write calls: which call comes next, and what it must change and report.</summary>
internal sealed partial class CrashWriter
{
    private Plan Choose()
    {
        var live = _live.Count;
        var big = live < LiveCap;
        (int Weight, Func<Plan> Make)[] choices =
        [
            (18, () => AddPlan("add", 1, large: false)),
            (14, () => AddPlan("add-batch", _random.Next(2, 51), large: false)),
            (big ? 6 : 0, () => AddPlan(_random.Next(2) == 0 ? "add-large" : "import-large", LargeSize(5000), large: true)),
            (live > 0 ? 18 : 0, UpdatePlan),
            (live > 0 ? 10 : 0, () => DeletePlan(_random.Next(1, Math.Min(20, live) + 1))),
            (big ? 0 : 12, () => DeletePlan(_random.Next(100, Math.Min(1000, live) + 1))),
            (12, () => UpsertPlan(_random.Next(0, 11), _random.Next(1, 21), "upsert")),
            (big ? 2 : 0, () => UpsertPlan(_random.Next(0, 201), LargeSize(2000), "import-upsert")),
            (live > 0 ? (big ? 3 : 10) : 0, SyncPlan),
        ];
        var pick = _random.Next(choices.Sum(c => c.Weight));
        foreach (var (weight, make) in choices)
        {
            if (pick < weight)
            {
                return make();
            }

            pick -= weight;
        }

        throw new InvalidOperationException("No write was chosen.");
    }

    /// <summary>A size from 500 to <paramref name="max"/>, smaller ones more often (log-uniform), to keep runs short.</summary>
    private int LargeSize(int max) => (int)Math.Round(500 * Math.Pow(max / 500.0, _random.NextDouble()));

    private Plan ChooseLarge() => _random.Next(10) switch
    {
        < 4 => AddPlan("add-large", LargeSize(5000), large: true),
        < 8 => AddPlan("import-large", LargeSize(5000), large: true),
        _ => UpsertPlan(_random.Next(0, 201), LargeSize(2000), "import-upsert"),
    };

    private Plan AddPlan(string op, int size, bool large)
    {
        var bulky = large && _random.Next(10) == 0;
        var entries = Enumerable.Range(0, size).Select(_ => NewEntry(bulky)).ToList();
        var drafts = entries.Select(e => e.ToDraft(withId: true)).ToList();
        Func<Outcome> run = op switch
        {
            "import-large" => () => Outcome.Of(_store.ImportItems(_datasetId, Marked(drafts), ImportMode.Append)),
            "add" => () => Outcome.Of(_store.AddItem(_datasetId, drafts[0])),
            _ => () => Outcome.Of(_store.AddItems(_datasetId, Marked(drafts))),
        };
        return new Plan(op, size, run) { Puts = entries, Added = size };
    }

    private Plan UpdatePlan()
    {
        var old = _live[_ids[_random.Next(_ids.Count)]];
        var n = _next++;
        var input = InputText(n, bulky: false, changing: true);
        var answer = Quote($"answer {Token(n)} revised");
        var metadata = $$"""{"rev":"{{Token(n)}}"}""";
        var (patch, entry) = _random.Next(5) switch
        {
            0 => (new ItemPatch { Input = Parse(input) }, old with { Input = Canonical(input) }),
            1 => (new ItemPatch { Input = Parse(input), ClearExpectedOutput = true }, old with { Input = Canonical(input), Expected = null }),
            2 => (new ItemPatch { ExpectedOutput = Parse(answer) }, old with { Expected = Canonical(answer) }),
            3 => (new ItemPatch { Metadata = Parse(metadata).AsObject() }, old with { Metadata = Canonical(metadata) }),
            _ => (new ItemPatch { Input = Parse(input), ClearMetadata = true }, old with { Input = Canonical(input), Metadata = null }),
        };
        return new Plan("update", 1, () => Outcome.Of(_store.UpdateItem(_datasetId, old.Id, patch))) { Puts = [entry], Updated = 1 };
    }

    private Plan DeletePlan(int size)
    {
        var ids = Sample(_ids, size);
        return new Plan(size == 1 ? "delete" : "delete-batch", size, () => Outcome.Of(size == 1 ? _store.DeleteItem(_datasetId, ids[0]) : _store.DeleteItems(_datasetId, ids)))
        {
            Removes = ids,
            Deleted = size,
        };
    }

    /// <summary>Upserts some live items (half unchanged, half changed; matched by external id or, without one, by id) and some new ones.</summary>
    private Plan UpsertPlan(int existing, int fresh, string op)
    {
        var drafts = new List<ItemDraft>();
        var puts = new List<Entry>();
        foreach (var id in Sample(_ids, Math.Min(existing, _ids.Count)))
        {
            var old = _live[id];
            if (_random.Next(2) == 0)
            {
                drafts.Add(old.ToDraft(withId: old.ExternalId is null));
                continue;
            }

            var changed = NewEntry(bulky: false, changing: true) with { Id = old.Id, ExternalId = old.ExternalId };
            drafts.Add(changed.ToDraft(withId: old.ExternalId is null));
            puts.Add(changed);
        }

        var updated = puts.Count;
        for (var i = 0; i < fresh; i++)
        {
            var entry = NewEntry(bulky: false);
            drafts.Add(entry.ToDraft(withId: true));
            puts.Add(entry);
        }

        Shuffle(drafts);
        Func<Outcome> run = op == "upsert"
            ? () => Outcome.Of(_store.UpsertItems(_datasetId, Marked(drafts)))
            : () => Outcome.Of(_store.ImportItems(_datasetId, Marked(drafts), ImportMode.Upsert));
        return new Plan(op, drafts.Count, run) { Puts = puts, Added = fresh, Updated = updated };
    }

    /// <summary>Syncs to most of the live items that have an external id (a few changed) plus a few new ones; the rest is deleted.</summary>
    private Plan SyncPlan()
    {
        var drafts = new List<ItemDraft>();
        var puts = new List<Entry>();
        var removes = new List<string>();
        var updated = 0;
        var keep = _live.Count > LiveCap ? 2 : 8;
        foreach (var id in _ids)
        {
            var old = _live[id];
            if (old.ExternalId is null || _random.Next(10) >= keep)
            {
                removes.Add(id);
            }
            else if (_random.Next(10) == 0)
            {
                var changed = NewEntry(bulky: false, changing: true) with { Id = old.Id, ExternalId = old.ExternalId };
                drafts.Add(changed.ToDraft(withId: false));
                puts.Add(changed);
                updated++;
            }
            else
            {
                drafts.Add(old.ToDraft(withId: false));
            }
        }

        var fresh = _random.Next(1, 21);
        for (var i = 0; i < fresh; i++)
        {
            var entry = NewEntry(bulky: false, withExternalId: true);
            drafts.Add(entry.ToDraft(withId: true));
            puts.Add(entry);
        }

        Shuffle(drafts);
        return new Plan("sync", drafts.Count, () => Outcome.Of(_store.UpsertItems(_datasetId, Marked(drafts), UpsertMode.Sync)))
        {
            Puts = puts,
            Removes = removes,
            Added = fresh,
            Updated = updated,
            Deleted = removes.Count,
        };
    }
}
