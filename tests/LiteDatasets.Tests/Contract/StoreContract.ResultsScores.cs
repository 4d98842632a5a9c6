using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Scores added to recorded results: replaced by exact name, stamped with their own time, and taken until an experiment is cancelled.</summary>
public sealed partial class StoreContract
{
    /// <summary>A running experiment of two items with one recorded result, of the first item, with the scores given.</summary>
    private (IReadOnlyList<DatasetItem> Items, Experiment Experiment, ExperimentResult Result) ScoredResult(params ScoreDraft[] scores)
    {
        var (_, items, experiment) = ExperimentWithItems(2, new ExperimentDefinition { Repetitions = 2 });
        var result = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Output = Node("\"answer\""), Duration = TimeSpan.FromSeconds(2), Scores = scores });
        return (items, experiment, result);
    }

    [Test]
    public void RecordScores_SameAndNewNames_ReplaceInPlaceAppendNewAndStampOnlyThoseWritten()
    {
        var (items, experiment, recorded) = ScoredResult(new ScoreDraft("exact") { Value = 0 }, new ScoreDraft("judge") { Passed = false, Reason = "first" });
        var first = recorded.RecordedAt;
        Clock.Advance(TimeSpan.FromMinutes(7));
        var judgeUsage = new ResultUsage { InputTokens = 900, OutputTokens = 40, Cost = 0.0031m, Currency = "USD" };

        var scored = Store.RecordScores(experiment.Id, items[0].Id, 0, [
            new ScoreDraft("judge") { Passed = true, Reason = "second", ScorerVersion = "rubric-v2", Usage = judgeUsage },
            new ScoreDraft("Judge") { Value = 0.5 },
            new ScoreDraft("length") { Value = 6, Label = "short" }]);

        Assert.Multiple(() =>
        {
            Assert.That(scored.Scores.Select(s => (s.Name, s.Value, s.Passed, s.Reason, s.RecordedAt)), Is.EqualTo(new[]
            {
                ("exact", (double?)0, (bool?)null, (string?)null, first),
                ("judge", null, true, "second", first.AddMinutes(7)),
                ("Judge", 0.5, null, null, first.AddMinutes(7)),
                ("length", 6, null, null, first.AddMinutes(7)),
            }));
            Assert.That((scored.Scores[1].Usage, scored.Scores[1].ScorerVersion, scored.Scores[3].Label), Is.EqualTo((judgeUsage, "rubric-v2", "short")));
            Assert.That((scored.Attempt, scored.RecordedAt, Text(scored.Output), scored.Duration), Is.EqualTo((1, first, "\"answer\"", (TimeSpan?)TimeSpan.FromSeconds(2))), "the run itself stays as recorded");
            Assert.That(Describe(Store.ReadResults(experiment.Id).Single()), Is.EqualTo(Describe(scored)));
            Assert.That(recorded.Scores.Select(s => s.RecordedAt), Is.All.EqualTo(first), "scores recorded with their run have its time");
        });
    }

    [TestCase("""{"b":1.0,"a":[1E+2,"caf\u00e9",{"Z":null,"z":"x"}],"A":9007199254740993}""")]
    [TestCase("\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" \\t tab \\u0000 nul\"")]
    [TestCase("123456789012345678901234567890.000000000000000000001")]
    public void RecordScores_Metadata_NewAndKeptReadBackWithTheSameText(string json)
    {
        var (items, experiment, _) = ScoredResult(new ScoreDraft("kept") { Metadata = new JsonObject { ["k"] = Node(json) } });
        var added = new ScoreDraft("added") { Value = 1, Metadata = new JsonObject { ["a"] = Node(json) } };
        var written = (Text(new JsonObject { ["k"] = Node(json) }), Text(added.Metadata));

        var scored = Store.RecordScores(experiment.Id, items[0].Id, 0, [added]);
        Store = factory.CanReopen ? factory.Reopen(Store, Clock) : Store;

        var reads = new[] { scored, Store.ReadResults(experiment.Id).Single() };
        Assert.That(reads.Select(r => (Text(r.Scores[0].Metadata), Text(r.Scores[1].Metadata))), Is.All.EqualTo(written));
    }

    [Test]
    public void RecordScores_CompletedExperiment_TakesScoresButNotResults()
    {
        var (items, experiment, _) = ScoredResult(new ScoreDraft("exact") { Value = 1 });
        Store.CompleteExperiment(experiment.Id, ExperimentStatus.Completed);

        var scored = Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft("judge") { Passed = true }]);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ReadResults(experiment.Id).Single().Scores.Select(s => s.Name), Is.EqualTo(new[] { "exact", "judge" }));
            Assert.That(scored.Scores.Select(s => s.Name), Is.EqualTo(new[] { "exact", "judge" }));
            Assert.That(() => Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id)), FailsWith(ErrorCode.ExperimentClosed, "completed"));
            Assert.That(VerifyProblems(), Is.Empty);
        });
    }

    [Test]
    public void RecordScores_CancelledExperiment_IsExperimentClosedAndWritesNothing()
    {
        var (items, experiment, recorded) = ScoredResult(new ScoreDraft("exact") { Value = 1 });
        Store.CompleteExperiment(experiment.Id, ExperimentStatus.Cancelled);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft("judge") { Passed = true }]), FailsWith(ErrorCode.ExperimentClosed, "cancelled"));
            Assert.That(Describe(Store.ReadResults(experiment.Id).Single()), Is.EqualTo(Describe(recorded)));
        });
    }

    [Test]
    public void RecordScores_NoSuchRunOrResult_NamesWhatIsMissingAndWritesNothing()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Filter = new ExperimentFilter { ItemIds = [items[0].Id, items[1].Id] } });
        var recorded = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));
        var later = Store.AddItems(ds.Id, [Draft("added after the pin")]).Items[0];
        ScoreDraft[] scores = [new ScoreDraft("exact") { Value = 1 }];

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.RecordScores(experiment.Id, items[1].Id, 0, scores), FailsWith(ErrorCode.ResultNotFound, $"item '{items[1].Id}', repetition 0"));
            Assert.That(() => Store.RecordScores(experiment.Id, items[2].Id, 0, scores), FailsWith(ErrorCode.ItemNotInExperiment, "filter"));
            Assert.That(() => Store.RecordScores(experiment.Id, later.Id, 0, scores), FailsWith(ErrorCode.ItemNotInExperiment, "not live"));
            Assert.That(() => Store.RecordScores(experiment.Id, items[0].Id, 1, scores), FailsWith(ErrorCode.ItemNotInExperiment, "repetitions 0 to 0"));
            Assert.That(() => Store.RecordScores("nope", items[0].Id, 0, scores), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(Store.ReadResults(experiment.Id).Select(Describe), Is.EqualTo(new[] { Describe(recorded) }));
        });
    }

    [Test]
    public void RecordScores_MalformedArguments_ThrowArgumentExceptionNamingThePartAndWriteNothing()
    {
        var (items, experiment, recorded) = ScoredResult(new ScoreDraft("exact") { Value = 1 });
        var id = items[0].Id;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.RecordScores(experiment.Id, id, 0, null!), Throws.ArgumentNullException.With.Property("ParamName").EqualTo("scores"));
            Assert.That(() => Store.RecordScores(experiment.Id, id, -1, []), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("repetition"));
            Assert.That(() => Store.RecordScores(experiment.Id, "", 0, []), Throws.ArgumentException.With.Property("ParamName").EqualTo("itemId"));
            Assert.That(() => Store.RecordScores(experiment.Id, id, 0, [new ScoreDraft("a"), new ScoreDraft("a")]), Throws.ArgumentException.With.Property("ParamName").EqualTo("scores[1].Name"));
            Assert.That(() => Store.RecordScores(experiment.Id, id, 0, [new ScoreDraft("a") { Value = double.NaN }]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("scores[0].Value"));
            Assert.That(() => Store.RecordScores(experiment.Id, id, 0, [new ScoreDraft("a") { Usage = new ResultUsage { OutputTokens = -1 } }]), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("scores[0].Usage.OutputTokens"));
            Assert.That(() => Store.RecordScores(experiment.Id, id, 0, [new ScoreDraft("a") { Metadata = new JsonObject { ["x"] = "lone \ud800" } }]), Throws.InstanceOf<InvalidPayloadException>().With.Message.Contains("/scores/0/metadata"));
            Assert.That(Describe(Store.ReadResults(experiment.Id).Single()), Is.EqualTo(Describe(recorded)));
        });
    }

    [Test]
    public void RecordResult_ScoreUsage_IsCheckedLikeTheRunsAndReadBack()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        var usage = new ResultUsage { InputTokens = 10, TotalTokens = 12, CachedInputTokens = 3, Cost = 0.50m, Currency = "EUR" };

        var recorded = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Scores = [new ScoreDraft("judge") { Usage = usage }] });

        Assert.Multiple(() =>
        {
            Assert.That(Store.ReadResults(experiment.Id).Single().Scores[0].Usage, Is.EqualTo(usage).And.EqualTo(recorded.Scores[0].Usage));
            Assert.That(
                () => Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Scores = [new ScoreDraft("judge") { Usage = new ResultUsage { Cost = -1m } }] }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("draft.Scores[0].Usage.Cost"));
        });
    }

    [Test]
    public void RecordScores_NoScores_WritesNothingAndReturnsTheResult()
    {
        var (items, experiment, recorded) = ScoredResult(new ScoreDraft("exact") { Value = 1 });
        Clock.Advance(TimeSpan.FromMinutes(1));

        var same = Store.RecordScores(experiment.Id, items[0].Id, 0, []);

        Assert.Multiple(() =>
        {
            Assert.That(Describe(same), Is.EqualTo(Describe(recorded)));
            Assert.That(() => Store.RecordScores(experiment.Id, items[1].Id, 0, []), FailsWith(ErrorCode.ResultNotFound), "the run is checked all the same");
        });
    }

    [Test]
    public void RecordScores_FailedResult_KeepsCountersAndAttemptAndVerifyStaysClean()
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        Store.RecordResults(experiment.Id, [new ResultDraft(items[0].Id) { Error = new ResultError("boom") }, new ResultDraft(items[1].Id)]);
        var before = Store.GetExperiment(experiment.Id)!;

        var scored = Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft("judge") { Error = "judge down" }]);
        Store.RecordScores(experiment.Id, items[1].Id, 0, [new ScoreDraft("judge") { Value = 1 }]);

        Assert.Multiple(() =>
        {
            Assert.That((scored.Error?.Message, scored.Attempt, scored.Scores.Single().Error), Is.EqualTo(("boom", 1, "judge down")));
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(before)));
            Assert.That(VerifyProblems(), Is.Empty);
        });
    }

    [Test]
    public void RecordResult_AfterScoresWereAdded_ReplacesThemWithTheWholeResult()
    {
        var (items, experiment, _) = ScoredResult(new ScoreDraft("exact") { Value = 1 });
        Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft("judge") { Passed = true }]);

        var again = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Scores = [new ScoreDraft("exact") { Value = 0 }] });

        Assert.That(Store.ReadResults(experiment.Id).Single().Scores.Select(s => (s.Name, s.Value, s.RecordedAt)), Is.EqualTo(new[] { ("exact", (double?)0, again.RecordedAt) }));
    }

    [Test]
    public void RecordScores_ResultWouldGrowTooLarge_IsInvalidPayloadAndWritesNothing()
    {
        var (items, experiment, _) = ScoredResult();
        var big = Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id) { Output = JsonValue.Create(new string('x', 9_000_000)) });

        Assert.Multiple(() =>
        {
            Assert.That(
                () => Store.RecordScores(experiment.Id, items[1].Id, 0, [new ScoreDraft("judge") { Reason = new string('r', 8_000_000) }]),
                Throws.InstanceOf<InvalidPayloadException>().With.Message.Contains("16 MB"));
            Assert.That(Store.ReadResults(experiment.Id).Last().Scores, Is.Empty);
            Assert.That(Store.ReadResults(experiment.Id).Last().Attempt, Is.EqualTo(big.Attempt));
        });
    }

    [Test]
    public void RecordScores_ManyThreadsOnOneRun_KeepEveryScore()
    {
        var (items, experiment, _) = ScoredResult();

        Parallel.For(0, 4, thread =>
        {
            for (var i = 0; i < 20; i++)
            {
                Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft(FormattableString.Invariant($"t{thread}-{i}")) { Value = i }]);
            }
        });

        var names = Store.ReadResults(experiment.Id).Single().Scores.Select(s => s.Name).ToList();
        Assert.That(names, Has.Count.EqualTo(80).And.Unique, "each write read the scores the one before it committed");
    }
}
