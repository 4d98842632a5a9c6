using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Engines.LiteDb.Damage;

/// <summary>
/// The small stores the damage tests break, each written once per run and kept as an image of its bytes. Ids and
/// times are fixed (a fake clock, explicit dataset and item ids), so the stores hold the same rows in every run and
/// a seed damages the same kind of page each time; only what LiteDB draws at random (skip-list levels), the file's
/// state id and the ids and times of the commits a killed process leaves in a journal differ between runs.
/// </summary>
public static class DamageStores
{
    /// <summary>The stores, by name, in the order the cases pick them from.</summary>
    public static IReadOnlyList<(string Name, Action<IDatasetStore, FakeClock> Populate)> Shapes { get; } =
    [
        ("sample", Sample),
        ("history", History),
        ("payloads", Payloads),
    ];

    /// <summary>
    /// Writes every store into <paramref name="directory"/> and returns their images: each shape closed (its journal
    /// moved into the file), and the first shape once more with commits left in its journal by a killed process.
    /// </summary>
    public static IReadOnlyList<StoreImage> Build(string directory)
    {
        var images = new List<StoreImage>();
        foreach (var (name, populate) in Shapes)
        {
            var path = Path.Combine(directory, name + ".litedb");
            var clock = new FakeClock();
            using (var store = TestStores.Open(path, clock: clock))
            {
                populate(store, clock);
            }

            Assert.That(File.Exists(path + "-journal"), Is.False, $"closing the '{name}' store moved its journal into the file");
            images.Add(new StoreImage(name, File.ReadAllBytes(path), null));
        }

        var killed = Path.Combine(directory, "journal.litedb");
        File.WriteAllBytes(killed, images[0].Bytes);
        var (exitCode, lines) = TestHostProcess.Run("commit-then-kill", killed, "6");
        Assert.That(lines, Has.Count.EqualTo(6).And.All.StartWith("committed "), $"the writer that leaves its journal behind (exit code {exitCode})");
        images.Add(new StoreImage("journal", File.ReadAllBytes(killed), File.ReadAllBytes(killed + "-journal")));
        return images;
    }

    /// <summary>Three datasets: updates, a deletion, a schema, tags, an upsert and a batch with external ids.</summary>
    private static void Sample(IDatasetStore store, FakeClock clock)
    {
        var alpha = store.CreateDataset(new DatasetDefinition("alpha") { Id = "alpha", Description = "questions", Metadata = new JsonObject { ["owner"] = "qa", ["n"] = 1.0 } });
        clock.Advance(TimeSpan.FromSeconds(1));
        store.AddItems(alpha.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"q":"2+2","Q":"case"}""")!) { Id = "a-1", ExpectedOutput = JsonValue.Create("4"), ExternalId = "math-1" },
            new ItemDraft(JsonValue.Create("capital of France?")) { Id = "a-2", Metadata = new JsonObject { ["split"] = "test" } },
            new ItemDraft(JsonNode.Parse("[1, 1.0, 9007199254740993]")!) { Id = "a-3" },
        ], new WriteOptions { Message = "seed" });
        store.TagVersion(alpha.Id, 1, "golden");
        clock.Advance(TimeSpan.FromSeconds(1));
        store.UpdateItem(alpha.Id, "a-1", new ItemPatch { ExpectedOutput = JsonValue.Create("four") });
        store.DeleteItem(alpha.Id, "a-2", new WriteOptions { Message = "drop the geography" });
        store.UpdateDataset(alpha.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":["object","string","array"]}""") });
        store.TagVersion(alpha.Id, 4, "schema");
        clock.Advance(TimeSpan.FromSeconds(1));
        store.UpsertItems(alpha.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"q":"2+2"}""")!) { ExpectedOutput = JsonValue.Create("4"), ExternalId = "math-1" },
            new ItemDraft(JsonValue.Create("new one")) { Id = "a-4", ExternalId = "new-1" },
        ], options: new WriteOptions { Message = "upsert" });

        var beta = store.CreateDataset(new DatasetDefinition("beta") { Id = "beta" });
        store.AddItems(beta.Id, Enumerable.Range(0, 40).Select(i => new ItemDraft(new JsonObject { ["n"] = i, ["text"] = new string('x', 200) })
        {
            Id = Invariant($"b-{i}"),
            ExternalId = Invariant($"ext-{i}"),
        }));
        store.UpdateDataset(beta.Id, new DatasetUpdate { Description = "bulk" });
        store.CreateDataset(new DatasetDefinition("empty") { Id = "empty" });
    }

    /// <summary>Two datasets with many small versions, tags on several of them, a restore and a deleted dataset (free pages).</summary>
    private static void History(IDatasetStore store, FakeClock clock)
    {
        var gone = store.CreateDataset(new DatasetDefinition("gone") { Id = "gone" });
        store.AddItems(gone.Id, Enumerable.Range(0, 30).Select(i => new ItemDraft(JsonValue.Create(new string('g', 300) + Invariant($"{i}"))) { Id = Invariant($"g-{i}") }));

        foreach (var name in new[] { "left", "right" })
        {
            var ds = store.CreateDataset(new DatasetDefinition(name) { Id = name, Metadata = new JsonObject { ["side"] = name } });
            // Five slots, each holding one live item at a time; a deleted item's slot gets a new item (ids are never reused).
            var slots = new string?[5];
            for (var v = 0; v < 12; v++)
            {
                clock.Advance(TimeSpan.FromMinutes(1));
                var id = slots[v % 5];
                if (id is null)
                {
                    id = slots[v % 5] = Invariant($"{name}-{v}");
                    store.AddItem(ds.Id, new ItemDraft(new JsonObject { ["v"] = v, ["name"] = name }) { Id = id, ExternalId = "x" + id }, new WriteOptions { Message = Invariant($"add {v}") });
                }
                else if (v % 3 == 0)
                {
                    store.DeleteItem(ds.Id, id);
                    slots[v % 5] = null;
                }
                else
                {
                    store.UpdateItem(ds.Id, id, new ItemPatch { ExpectedOutput = new JsonArray(v, "é", "🙂") });
                }

                if (v % 4 == 1)
                {
                    store.TagVersion(ds.Id, store.GetDataset(ds.Id)!.Version, Invariant($"t{v}"));
                }
            }

            store.RestoreVersion(ds.Id, "t1", new WriteOptions { Message = "back to t1" });
        }

        store.DeleteDataset(gone.Id);
    }

    /// <summary>One dataset of varied payloads: nested objects, unicode, numbers kept as written, and items larger than a page.</summary>
    private static void Payloads(IDatasetStore store, FakeClock clock)
    {
        var ds = store.CreateDataset(new DatasetDefinition("payloads")
        {
            Id = "payloads",
            ExpectedOutputSchema = JsonNode.Parse("""{"type":["string","object","array","number"]}"""),
        });
        clock.Advance(TimeSpan.FromSeconds(1));
        store.AddItems(ds.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"deep":{"a":[1,{"b":[true,null,"c"]}]},"num":1e400,"exact":1.10}""")!) { Id = "p-nested", ExpectedOutput = JsonValue.Create("ok") },
            new ItemDraft(JsonValue.Create("Grüße, 世界 — 🙂 \u0001 \"quoted\"")) { Id = "p-text", Metadata = new JsonObject { ["lang"] = "mixed" } },
            new ItemDraft(JsonValue.Create(new string('L', 20_000))) { Id = "p-large", ExpectedOutput = new JsonArray(Enumerable.Range(0, 2000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()) },
            new ItemDraft(JsonNode.Parse("[9007199254740993, -0.0, 1E-7]")!) { Id = "p-numbers", ExternalId = new string('e', 300) },
        ], new WriteOptions { Message = "varied" });
        store.TagVersion(ds.Id, 1, "v1");
        clock.Advance(TimeSpan.FromSeconds(1));
        store.UpdateItem(ds.Id, "p-large", new ItemPatch { Input = JsonValue.Create(new string('M', 12_000)) });
        store.AddItem(ds.Id, new ItemDraft(new JsonObject { ["after"] = "update" }) { Id = "p-last" }, new WriteOptions { Message = "one more" });
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
