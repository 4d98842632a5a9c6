using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace LiteDatasets.TestHost;

/// <summary>
/// The <c>crash-writer</c> command: opens a store, loads the <c>crash</c> dataset into a model of its own, and runs a
/// seeded random stream of write calls against it — single adds, batches of up to 5,000 items, updates, deletes,
/// upserts and now and then a sync — each of which must create exactly one version. Before each call it prints
/// what the commit must hold, after each call has returned what the store says it holds (see
/// <see cref="CrashLine"/>). The test kills it at a random moment and checks the file against those lines.
/// </summary>
internal sealed class CrashWriter
{
    /// <summary>The dataset the writer works on; the test creates it before the first run.</summary>
    public const string DatasetName = "crash";

    /// <summary>Batches at least this large print progress lines while their drafts are read.</summary>
    private const int ProgressFrom = 100;

    /// <summary>Above this many live items the writer stops adding large batches and starts removing many.</summary>
    private const int LiveCap = 2500;

    private readonly DatasetStore _store;
    private readonly string _datasetId;
    private readonly Random _random;
    private readonly string _tag;
    private readonly Dictionary<string, Entry> _live = new(StringComparer.Ordinal);
    private readonly List<string> _ids = [];
    private BigInteger _digest = SnapshotDigest.Empty;
    private long _version;
    private int _next;

    private CrashWriter(DatasetStore store, string datasetId, int seed, string tag)
    {
        _store = store;
        _datasetId = datasetId;
        _random = new Random(seed);
        _tag = tag;
    }

    /// <summary>
    /// Runs the command: <paramref name="tag"/> makes the ids of this run's new items unique in the file; write call
    /// number <paramref name="largeAt"/> (counting from 0; -1 for none) is a large batch, so that a test that wants
    /// to kill the writer inside one need not wait long for it.
    /// </summary>
    public static int Run(DatasetStoreOptions options, int seed, string tag, int writes, int largeAt)
    {
        Program.Say(CrashLine.Opening);
        using var store = DatasetStore.Open(options);
        var dataset = store.FindDataset(DatasetName);
        if (dataset is null)
        {
            Program.Say(CrashLine.Mismatch + " the dataset '" + DatasetName + "' does not exist");
            return ExitCodes.OtherError;
        }

        var writer = new CrashWriter(store, dataset.Id, seed, tag);
        writer.Load(dataset.Version);
        Program.Say(CrashLine.State(CrashLine.Open, writer._version, writer._live.Count, store.GetVersion(dataset.Id, writer._version).Fingerprint, SnapshotDigest.ToHex(writer._digest)));
        for (var i = 0; i < writes; i++)
        {
            if (writer.WriteOnce(large: i == largeAt) is { } problem)
            {
                Program.Say(CrashLine.Mismatch + " " + problem);
                return ExitCodes.OtherError;
            }
        }

        // Waits to be killed; a test that closes standard input instead gets a normal close.
        Program.Say(CrashLine.Idle);
        Console.In.ReadLine();
        return ExitCodes.Ok;
    }

    private void Load(long version)
    {
        _version = version;
        foreach (var item in _store.ReadItems(_datasetId, version))
        {
            Put(new Entry(item.Id, item.ExternalId, item.Input.ToJsonString(), item.ExpectedOutput?.ToJsonString(), item.Metadata?.ToJsonString()));
        }
    }

    /// <summary>Makes one write call and checks it; returns what went wrong, or null.</summary>
    private string? WriteOnce(bool large)
    {
        var plan = large ? ChooseLarge() : Choose();
        var (count, digest) = Predict(plan);
        var expectedVersion = _version + 1;
        Program.Say(CrashLine.State(CrashLine.Begin, expectedVersion, count, "-", SnapshotDigest.ToHex(digest)) + " " + plan.Op + " " + plan.Size.ToString(CultureInfo.InvariantCulture));

        var result = plan.Run();
        var wanted = new Outcome(expectedVersion, true, plan.Added, plan.Updated, plan.Deleted);
        if (result != wanted)
        {
            return $"{plan.Op} of {plan.Size} returned {result}, expected {wanted}";
        }

        foreach (var id in plan.Removes)
        {
            Remove(id);
        }

        foreach (var entry in plan.Puts)
        {
            Put(entry);
        }

        _version = expectedVersion;
        var version = _store.GetVersion(_datasetId, _version);
        var dataset = _store.GetDataset(_datasetId);
        if (version.ItemCount != _live.Count || dataset?.ItemCount != _live.Count || dataset.Version != _version || _digest != digest)
        {
            return $"version {_version} counts {version.ItemCount} items and the dataset {dataset?.ItemCount} at version {dataset?.Version}; the model has {_live.Count}";
        }

        Program.Say(CrashLine.State(CrashLine.Commit, _version, version.ItemCount, version.Fingerprint, SnapshotDigest.ToHex(_digest)));
        return null;
    }

    private (long Count, BigInteger Digest) Predict(Plan plan)
    {
        long count = _live.Count;
        var digest = _digest;
        foreach (var id in plan.Removes)
        {
            count--;
            digest = SnapshotDigest.Remove(digest, _live[id].Term);
        }

        foreach (var entry in plan.Puts)
        {
            if (_live.TryGetValue(entry.Id, out var old))
            {
                digest = SnapshotDigest.Remove(digest, old.Term);
            }
            else
            {
                count++;
            }

            digest = SnapshotDigest.Add(digest, entry.Term);
        }

        return (count, digest);
    }

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

    /// <summary>Yields the drafts, printing where the store is while it reads them inside the write call.</summary>
    private static IEnumerable<ItemDraft> Marked(List<ItemDraft> drafts)
    {
        var marks = drafts.Count >= ProgressFrom ? new[] { drafts.Count / 4, drafts.Count / 2, drafts.Count * 3 / 4 } : Array.Empty<int>();
        for (var i = 0; i < drafts.Count; i++)
        {
            if (marks.Contains(i))
            {
                Program.Say(CrashLine.Progress + " " + i.ToString(CultureInfo.InvariantCulture));
            }

            yield return drafts[i];
        }

        if (marks.Length > 0)
        {
            Program.Say(CrashLine.Enumerated);
        }
    }

    /// <summary>
    /// Makes the content of a new item, or (<paramref name="changing"/>) new content for a live one, which must then
    /// differ from every content written before: its input holds a token unique in the file.
    /// </summary>
    private Entry NewEntry(bool bulky, bool? withExternalId = null, bool changing = false)
    {
        var n = _next++;
        var id = Token(n);
        var external = (withExternalId ?? _random.Next(5) > 0) ? "x-" + id : null;
        var expected = _random.Next(3) switch
        {
            0 => null,
            1 => Quote($"answer {n}"),
            _ => $$"""{"label":{{n % 3}},"score":0.5}""",
        };
        var metadata = _random.Next(2) == 0 ? null : $$"""{"split":"{{(n % 2 == 0 ? "train" : "test")}}","n":{{n}}}""";
        return new Entry(id, external, Canonical(InputText(n, bulky, changing)), expected is null ? null : Canonical(expected), metadata is null ? null : Canonical(metadata));
    }

    /// <summary>An input holding <see cref="Token"/>(n), except a bare number, which only new items get.</summary>
    private string InputText(int n, bool bulky, bool changing) => bulky
        ? $$"""{"text":"{{new string((char)('a' + (n % 26)), 1000)}}","id":"{{Token(n)}}"}"""
        : _random.Next(changing ? 4 : 5) switch
        {
            0 => $$"""{"q":"question {{Token(n)}}","n":{{n}},"args":[{{n}},1.0,"z"]}""",
            1 => Quote($"plain text {Token(n)} caf\u00e9 \"quoted\" \\ tab\t"),
            2 => $"[\"{Token(n)}\",1.0,9007199254740993,1e400,-0.0]",
            3 => $$$"""{"a":{"b":{"c":["{{{Token(n)}}}",{"d":null,"e":true}]}},"K":1,"k":2}""",
            _ => n.ToString(CultureInfo.InvariantCulture),
        };

    /// <summary>A text unique in the file: the run's tag and a counter.</summary>
    private string Token(int n) => _tag + "-" + n.ToString(CultureInfo.InvariantCulture);

    private List<string> Sample(List<string> from, int count)
    {
        var copy = new List<string>(from);
        Shuffle(copy);
        return copy.Take(count).ToList();
    }

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    private void Put(Entry entry)
    {
        if (_live.TryGetValue(entry.Id, out var old))
        {
            _digest = SnapshotDigest.Remove(_digest, old.Term);
        }
        else
        {
            _ids.Add(entry.Id);
        }

        _live[entry.Id] = entry;
        _digest = SnapshotDigest.Add(_digest, entry.Term);
    }

    private void Remove(string id)
    {
        _digest = SnapshotDigest.Remove(_digest, _live[id].Term);
        _live.Remove(id);
        var at = _ids.IndexOf(id);
        _ids[at] = _ids[^1];
        _ids.RemoveAt(_ids.Count - 1);
    }

    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    /// <summary>The text the store must give back for a payload: its <c>ToJsonString()</c>.</summary>
    private static string Canonical(string json) => Parse(json).ToJsonString();

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    /// <summary>One live item of the model: payloads as the JSON text the store must give back.</summary>
    private sealed record Entry(string Id, string? ExternalId, string Input, string? Expected, string? Metadata)
    {
        // Computed on each use: a copy made with "with" must not keep its original's term.
        public BigInteger Term => SnapshotDigest.Term(Id, ExternalId, Input, Expected, Metadata);

        public ItemDraft ToDraft(bool withId) => new(Parse(Input))
        {
            Id = withId ? Id : null,
            ExternalId = ExternalId,
            ExpectedOutput = Expected is null ? null : Parse(Expected),
            Metadata = Metadata is null ? null : Parse(Metadata).AsObject(),
        };
    }

    /// <summary>One planned write call: what it must change in the model and what it must report.</summary>
    private sealed record Plan(string Op, int Size, Func<Outcome> Run)
    {
        public IReadOnlyList<Entry> Puts { get; init; } = [];

        public IReadOnlyList<string> Removes { get; init; } = [];

        public int Added { get; init; }

        public int Updated { get; init; }

        public int Deleted { get; init; }
    }

    /// <summary>What a write call reported.</summary>
    private sealed record Outcome(long Version, bool Created, int Added, int Updated, int Deleted)
    {
        public static Outcome Of(Commit commit) => new(commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted);

        public static Outcome Of(ImportResult result) => new(result.Version, result.Created, result.Added, result.Updated, result.Deleted);
    }
}
