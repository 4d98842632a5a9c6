using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Recording results: every part read back exactly, the store's stamps, the last write winning, counters, and snapshot order.</summary>
public sealed partial class StoreContract
{
    /// <summary>A dataset with <paramref name="items"/> numbered items and a running experiment of it.</summary>
    private (Dataset Dataset, IReadOnlyList<DatasetItem> Items, Experiment Experiment) ExperimentWithItems(int items, ExperimentDefinition? definition = null)
    {
        var ds = NewDataset();
        var added = items == 0 ? [] : AddNumbered(ds.Id, items).Items;
        return (ds, added, NewExperiment(ds.Id, definition));
    }

    /// <summary>Everything a caller can see of one result, as one line.</summary>
    private static string Describe(ExperimentResult r) => string.Join("|",
        r.ExperimentId, r.ItemId, r.Repetition.ToString(CultureInfo.InvariantCulture), r.ItemVersion.ToString(CultureInfo.InvariantCulture), r.ItemHash,
        r.Attempt.ToString(CultureInfo.InvariantCulture), Text(r.Output), r.Error?.ToString() ?? "-", r.StartedAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "-",
        r.Duration?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "-", r.Usage?.ToString() ?? "-", r.Model ?? "-", r.CacheHit?.ToString() ?? "-",
        string.Join(";", r.Scores.Select(s => s with { Metadata = null } + Text(s.Metadata))), Text(r.Metadata), r.TraceId ?? "-",
        r.RecordedAt.UtcTicks.ToString(CultureInfo.InvariantCulture));

    [TestCase("""{"b":1.0,"a":[1E+2,"caf\u00e9",{"Z":null,"z":"x"}],"A":9007199254740993}""")]
    [TestCase("123456789012345678901234567890.000000000000000000001")]
    [TestCase("\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\t tab \\u0000 nul\"")]
    [TestCase("[true,false,null,0,\"\",{},[]]")]
    [TestCase("""{"":"empty key","a/b~c":"pointer chars","null":null}""")]
    public void RecordResult_AnyJsonOutputAndMetadata_ReadBackWithTheSameText(string json)
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        var draft = new ResultDraft(items[0].Id)
        {
            Output = Node(json),
            Metadata = new JsonObject { ["v"] = Node(json) },
            Scores = [new ScoreDraft("s") { Metadata = new JsonObject { ["w"] = Node(json) } }],
        };
        var written = (Text(draft.Output), Text(draft.Metadata), Text(draft.Scores[0].Metadata));

        var recorded = Store.RecordResult(experiment.Id, draft);

        var reads = new[] { recorded, Store.ListResults(experiment.Id).Items[0], Store.ReadResults(experiment.Id).Single() };
        Assert.That(reads.Select(r => (Text(r.Output), Text(r.Metadata), Text(r.Scores[0].Metadata))), Is.All.EqualTo(written));
    }

    [Test]
    public void RecordResult_EveryPart_ReadsBackAsRecorded()
    {
        var (_, items, experiment) = ExperimentWithItems(1, new ExperimentDefinition { Repetitions = 3 });
        var draft = new ResultDraft(items[0].Id)
        {
            Repetition = 2,
            Output = Node("""{"answer":"42"}"""),
            StartedAt = new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567),
            Duration = TimeSpan.FromTicks(15_000_001),
            Usage = new ResultUsage { InputTokens = 120, OutputTokens = 7, TotalTokens = 127, CachedInputTokens = 0, Cost = 0.000123450m, Currency = "USD" },
            Model = "gpt-4o-mini\0x",
            CacheHit = false,
            Scores =
            [
                new ScoreDraft("exact") { Value = 0.1 + 0.2, Passed = false, ScorerVersion = "v2" },
                new ScoreDraft("Exact") { Value = -0.0, Label = "wrong", Reason = "it\nsaid 41", Error = "judge timed out" },
                new ScoreDraft("empty"),
            ],
            TraceId = "trace-1",
        };
        Clock.Advance(TimeSpan.FromMinutes(3));

        var recorded = Store.RecordResult(experiment.Id, draft);

        Assert.Multiple(() =>
        {
            Assert.That(Describe(Store.ReadResults(experiment.Id).Single()), Is.EqualTo(Describe(recorded)));
            Assert.That((recorded.ExperimentId, recorded.ItemId, recorded.Repetition, recorded.Attempt), Is.EqualTo((experiment.Id, items[0].Id, 2, 1)));
            Assert.That(recorded.StartedAt, Is.EqualTo(draft.StartedAt).And.Property("Offset").EqualTo(TimeSpan.Zero), "the moment to the tick, in UTC");
            Assert.That((recorded.Duration, recorded.Usage, recorded.Model, recorded.CacheHit, recorded.TraceId), Is.EqualTo((draft.Duration, draft.Usage, draft.Model, draft.CacheHit, draft.TraceId)));
            Assert.That(recorded.Usage!.Cost?.ToString(CultureInfo.InvariantCulture), Is.EqualTo("0.000123450"), "the cost keeps its scale");
            Assert.That(recorded.Scores.Select(s => (s.Name, s.Value, s.Passed, s.Label, s.Reason, s.Error, s.ScorerVersion)), Is.EqualTo(new[]
            {
                ("exact", (double?)(0.1 + 0.2), (bool?)false, (string?)null, (string?)null, (string?)null, (string?)"v2"),
                ("Exact", -0.0, null, "wrong", "it\nsaid 41", "judge timed out", null),
                ("empty", null, null, null, null, null, null),
            }));
            Assert.That(double.IsNegative(recorded.Scores[1].Value!.Value), Is.True, "-0 stays -0");
            Assert.That((recorded.Error, recorded.Metadata), Is.EqualTo(((ResultError?)null, (JsonObject?)null)));
            Assert.That(recorded.RecordedAt, Is.EqualTo(Clock.GetUtcNow()));
        });
    }

    [Test]
    public void RecordResult_ScoreNamesDifferingOnlyByCase_StayDistinct()
    {
        var (_, items, experiment) = ExperimentWithItems(1);

        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Scores = [new ScoreDraft("exact") { Value = 1 }, new ScoreDraft("Exact") { Value = 0 }, new ScoreDraft("EXACT") { Passed = true }] });

        var scores = Store.ReadResults(experiment.Id).Single().Scores;
        Assert.That(scores.Select(s => (s.Name, s.Value, s.Passed)), Is.EqualTo(new[] { ("exact", (double?)1, (bool?)null), ("Exact", 0, null), ("EXACT", null, true) }));
    }

    [Test]
    public void RecordResult_Error_IsStoredAndCountedAsFailed()
    {
        var (_, items, experiment) = ExperimentWithItems(2);

        var failed = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Error = new ResultError("boom", ResultErrorKind.Timeout, "after 30 s\n  at Run()") });
        Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id) { Error = new ResultError("") });

        var read = Store.GetExperiment(experiment.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(failed.Error, Is.EqualTo(new ResultError("boom", ResultErrorKind.Timeout, "after 30 s\n  at Run()")));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => r.Error), Is.EqualTo(new[] { failed.Error, new ResultError("", ResultErrorKind.Task) }));
            Assert.That((read.Recorded, read.Succeeded, read.Failed), Is.EqualTo((2L, 0L, 2L)));
        });
    }

    [Test]
    public void RecordResult_SameRunAgain_LastWriteWinsAndAttemptCounts()
    {
        var (_, items, experiment) = ExperimentWithItems(1, new ExperimentDefinition { Repetitions = 2 });
        var item = items[0].Id;

        var first = Store.RecordResult(experiment.Id, new ResultDraft(item) { Error = new ResultError("rate limited") });
        Clock.Advance(TimeSpan.FromSeconds(5));
        var second = Store.RecordResult(experiment.Id, new ResultDraft(item) { Output = Node("\"ok\""), Scores = [new ScoreDraft("s") { Value = 1 }] });
        var other = Store.RecordResult(experiment.Id, new ResultDraft(item) { Repetition = 1, Output = Node("\"other\"") });
        var third = Store.RecordResult(experiment.Id, new ResultDraft(item) { Output = Node("\"final\"") });

        var stored = Store.ReadResults(experiment.Id).ToList();
        var read = Store.GetExperiment(experiment.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(new[] { first.Attempt, second.Attempt, other.Attempt, third.Attempt }, Is.EqualTo(new[] { 1, 2, 1, 3 }));
            Assert.That(stored.Select(Describe), Is.EqualTo(new[] { Describe(third), Describe(other) }));
            Assert.That((third.Error, third.Scores.Count, Text(third.Output)), Is.EqualTo(((ResultError?)null, 0, "\"final\"")), "a write replaces the whole result");
            Assert.That(second.RecordedAt, Is.EqualTo(first.RecordedAt.AddSeconds(5)));
            Assert.That((read.Recorded, read.Succeeded, read.Failed), Is.EqualTo((2L, 2L, 0L)));
        });
    }

    [Test]
    public void RecordResults_Counters_EqualTheDistinctRunsByTheirLastWrite()
    {
        var (_, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });
        ResultDraft Run(int item, int repetition, bool fails) =>
            new(items[item].Id) { Repetition = repetition, Error = fails ? new ResultError("x") : null, Output = fails ? null : Node("1") };

        var afterFirst = Store.RecordResults(experiment.Id, [Run(0, 0, false), Run(0, 1, true), Run(1, 0, true)]);
        var afterSecond = Store.RecordResults(experiment.Id, [Run(0, 1, false), Run(1, 0, true), Run(2, 1, false), Run(0, 0, true)]);
        var afterEmpty = Store.RecordResults(experiment.Id, []);

        Assert.Multiple(() =>
        {
            Assert.That((afterFirst.Recorded, afterFirst.Succeeded, afterFirst.Failed), Is.EqualTo((3L, 1L, 2L)));
            Assert.That((afterSecond.Recorded, afterSecond.Succeeded, afterSecond.Failed), Is.EqualTo((4L, 2L, 2L)));
            Assert.That(StoreDump.Experiment(afterEmpty), Is.EqualTo(StoreDump.Experiment(afterSecond)));
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(afterSecond)));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => (r.Repetition, r.Attempt, r.Error is null)), Is.EqualTo(new[] { (0, 2, false), (1, 2, true), (0, 2, false), (1, 1, true) }));
            Assert.That(afterSecond.ExpectedRuns, Is.EqualTo(6));
        });
    }
}
