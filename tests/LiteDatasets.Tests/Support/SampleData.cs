using System.Text.Json.Nodes;

namespace LiteDatasets.Tests;

/// <summary>Fills a store with datasets that have history: adds, updates, deletes, a schema change, tags, messages.</summary>
public static class SampleData
{
    /// <summary>Writes the sample and returns the number of versions it created per dataset name.</summary>
    public static IReadOnlyDictionary<string, long> Populate(IDatasetStore store, FakeClock? clock = null, int bulkItems = 40)
    {
        var alpha = store.CreateDataset(new DatasetDefinition("alpha")
        {
            Description = "questions",
            Metadata = new JsonObject { ["owner"] = "qa", ["n"] = 1.0 },
        });
        clock?.Advance(TimeSpan.FromSeconds(1));
        var seed = store.AddItems(alpha.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"q":"2+2","Q":"case"}""")!) { ExpectedOutput = JsonValue.Create("4"), ExternalId = "math-1" },
            new ItemDraft(JsonValue.Create("capital of France?")) { Metadata = new JsonObject { ["split"] = "test" } },
            new ItemDraft(JsonNode.Parse("[1, 1.0, 9007199254740993]")!),
        ], new WriteOptions { Message = "seed" });
        store.TagVersion(alpha.Id, 1, "golden");
        clock?.Advance(TimeSpan.FromSeconds(1));
        store.UpdateItem(alpha.Id, seed.Items[0].Id, new ItemPatch { ExpectedOutput = JsonValue.Create("four") });
        clock?.Advance(TimeSpan.FromSeconds(1));
        store.DeleteItem(alpha.Id, seed.Items[1].Id, new WriteOptions { Message = "drop the geography" });
        clock?.Advance(TimeSpan.FromSeconds(1));
        store.UpdateDataset(alpha.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":["object","string","array"]}""") });
        store.TagVersion(alpha.Id, 4, "schema");
        clock?.Advance(TimeSpan.FromSeconds(1));
        store.UpsertItems(alpha.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"q":"2+2"}""")!) { ExpectedOutput = JsonValue.Create("4"), ExternalId = "math-1" },
            new ItemDraft(JsonValue.Create("new one")) { ExternalId = "new-1" },
        ], options: new WriteOptions { Message = "upsert" });

        var beta = store.CreateDataset(new DatasetDefinition("beta"));
        clock?.Advance(TimeSpan.FromSeconds(1));
        store.AddItems(beta.Id, Enumerable.Range(0, bulkItems).Select(i => new ItemDraft(new JsonObject { ["n"] = i, ["text"] = new string('x', 200) }) { ExternalId = "b-" + i }));
        store.UpdateDataset(beta.Id, new DatasetUpdate { Description = "bulk" });
        store.CreateDataset(new DatasetDefinition("empty"));

        return new Dictionary<string, long> { ["alpha"] = 5, ["beta"] = 1, ["empty"] = 0 };
    }
}
