using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>A store with an experiment and its results, for the tests of the result commands.</summary>
internal static class ResultStore
{
    /// <summary>The id of the item without an external id: long enough for tables to shorten it.</summary>
    internal const string LongId = "item-b-with-a-long-enough-id-to-cut";

    /// <summary>
    /// Fills a store: dataset qa with three items (version 1; the second one edited in version 2),
    /// experiment #1 baseline pinned to version 1 with two repetitions and three results, and #2 second, empty.
    /// </summary>
    public static void Fill(DatasetStore store)
    {
        var dataset = store.CreateDataset(new DatasetDefinition("qa"));
        store.AddItems(dataset.Id,
        [
            new ItemDraft(JsonNode.Parse("""{"q":"2+2"}""")!) { Id = "item-a", ExternalId = "q1", ExpectedOutput = JsonValue.Create("4") },
            new ItemDraft(JsonValue.Create("second item")) { Id = LongId },
            new ItemDraft(JsonValue.Create("third item")) { Id = "item-c", ExternalId = "q3" },
        ]);
        var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "baseline", Repetitions = 2 });
        store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "second", Repetitions = 2 });
        store.RecordResults(experiment.Id,
        [
            new ResultDraft("item-a")
            {
                Output = JsonNode.Parse("""{"answer":1.0,"big":9007199254740993}"""),
                StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567),
                Duration = TimeSpan.FromTicks(12_345_678),
                Usage = new ResultUsage { InputTokens = 10, OutputTokens = 2, Cost = 0.0012m, Currency = "USD" },
                Model = "model-a",
                CacheHit = false,
                Scores = [new ScoreDraft("exact") { Value = 1, ScorerVersion = "1" }, new ScoreDraft("judge") { Passed = true, Reason = "fine", Metadata = JsonNode.Parse("""{"rating":4.50}""")!.AsObject() }],
                Metadata = JsonNode.Parse("""{"n":1.50}""")!.AsObject(),
                TraceId = "trace-1",
            },
            new ResultDraft("item-a") { Repetition = 1, Output = JsonValue.Create("four"), Duration = TimeSpan.FromMilliseconds(250) },
            new ResultDraft(LongId) { Error = new ResultError("model did not answer [in time]", ResultErrorKind.Timeout, "after 30 s"), Duration = TimeSpan.FromSeconds(30) },
        ]);
        store.UpdateItem(dataset.Id, LongId, new ItemPatch { Input = JsonValue.Create("second item, edited") });
    }
}
