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
internal sealed partial class CrashWriter
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

    /// <summary>Yields the drafts, printing where the store is while it reads them inside the write call (the result writer's too).</summary>
    internal static IEnumerable<T> Marked<T>(List<T> drafts)
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
