namespace LiteDatasets.Tests.Contract;

/// <summary>Staleness of an experiment's results at a later version: examples of each state, targets, and the errors.</summary>
public sealed partial class StoreContract
{
    private static string[] StaleRuns(StalenessReport report) => [.. report.Runs.Select(r => $"{r.ItemId}#{r.Repetition}:{r.State}")];

    [Test]
    public void GetStaleness_EachKindOfEdit_ClassifiesTheRunsAndListsThePaths()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id,
        [
            JsonDraft("""{"q":1}""", "\"a\"", """{"d":1}""", id: "input"), JsonDraft("""{"q":2}""", "\"b\"", """{"d":1}""", id: "expected"),
            JsonDraft("""{"q":3}""", "\"c\"", """{"d":1}""", id: "meta"), JsonDraft("""{"q":4}""", "\"d\"", null, id: "gone"),
            JsonDraft("""{"q":5}""", "\"e\"", null, id: "same"),
        ]).Items;
        var experiment = NewExperiment(ds.Id);
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id) { Output = Node("0") }));
        Store.UpdateItem(ds.Id, "input", new ItemPatch { Input = Node("""{"q":10}""") });
        Store.UpdateItem(ds.Id, "expected", new ItemPatch { ExpectedOutput = Node("\"B\"") });
        Store.UpdateItem(ds.Id, "meta", new ItemPatch { Metadata = Obj("""{"d":2}""") });
        Store.DeleteItem(ds.Id, "gone");
        Store.UpdateItem(ds.Id, "same", new ItemPatch { Input = Node("""{"q":6}""") });
        Store.UpdateItem(ds.Id, "same", new ItemPatch { Input = Node("""{"q":5}""") });
        Store.AddItems(ds.Id, [JsonDraft("6", id: "new")]);

        var report = Store.GetStaleness(experiment.Id);
        var withMetadata = Store.GetStaleness(experiment.Id, new StalenessOptions { Policy = new StalenessPolicy { RescorePaths = ["/expectedOutput", "/metadata/d"] } });

        Assert.Multiple(() =>
        {
            Assert.That(StaleRuns(report), Is.EqualTo(new[] { "input#0:Rerun", "expected#0:Rescore", "gone#0:Orphaned", "new#0:Missing" }));
            Assert.That(report.Runs.Select(r => string.Join(",", r.ChangedPaths)), Is.EqualTo(new[] { "/input/q", "/expectedOutput", "", "" }));
            Assert.That(report.Counts[StalenessState.Fresh], Is.EqualTo(2), "meta (metadata only) and same (changed and changed back)");
            Assert.That((report.PinnedVersion, report.TargetVersion), Is.EqualTo((1L, Store.GetDataset(ds.Id)!.Version)));
            Assert.That(StaleRuns(withMetadata), Is.EqualTo(new[] { "input#0:Rerun", "expected#0:Rescore", "meta#0:Rescore", "gone#0:Orphaned", "new#0:Missing" }));
        });
    }

    [Test]
    public void GetStaleness_ScorerVersionsFailuresAndMissingRuns_ReadFromTheResults()
    {
        var (_, items, experiment) = ExperimentWithItems(4, new ExperimentDefinition { Repetitions = 2, Scorers = new Dictionary<string, string> { ["exact"] = "v2" } });
        Store.RecordResults(experiment.Id,
        [
            new ResultDraft(items[0].Id) { Output = Node("1"), Scores = [new ScoreDraft("exact") { Value = 1, ScorerVersion = "v2" }, new ScoreDraft("other") { Value = 1 }] },
            new ResultDraft(items[0].Id) { Repetition = 1, Output = Node("1"), Scores = [new ScoreDraft("exact") { Value = 1, ScorerVersion = "v1" }] },
            new ResultDraft(items[1].Id) { Error = new ResultError("boom") },
            new ResultDraft(items[1].Id) { Repetition = 1, Output = Node("1") },
            new ResultDraft(items[2].Id) { Output = Node("1") },
            new ResultDraft(items[2].Id) { Repetition = 1, Output = Node("1") },
        ]);

        var report = Store.GetStaleness(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(StaleRuns(report), Is.EqualTo(new[] { $"{items[0].Id}#1:RescoreScorer", $"{items[1].Id}#0:Failed", $"{items[3].Id}#0:Missing", $"{items[3].Id}#1:Missing" }));
            Assert.That(report.Runs[0].Scores, Is.EqualTo(new[] { "exact" }));
            Assert.That(report.Counts[StalenessState.Fresh], Is.EqualTo(4));
        });
    }

    [Test]
    public void GetStaleness_TargetByNumberTagOrTime_JudgesAtThatVersion()
    {
        var (ds, items, experiment) = ExperimentWithItems(2);
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id) { Output = Node("0") }));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { Input = Node("\"x\"") });
        Store.TagVersion(ds.Id, 2, "edited");
        var afterFirst = Clock.GetUtcNow();
        Clock.Advance(TimeSpan.FromMinutes(1));
        Store.DeleteItem(ds.Id, items[1].Id);

        var current = Store.GetStaleness(experiment.Id);
        var byNumber = Store.GetStaleness(experiment.Id, new StalenessOptions { Version = 2 });
        var byTag = Store.GetStaleness(experiment.Id, new StalenessOptions { Tag = "edited" });
        var byTime = Store.GetStaleness(experiment.Id, new StalenessOptions { AsOf = afterFirst });
        var atPin = Store.GetStaleness(experiment.Id, new StalenessOptions { Version = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(StaleRuns(current), Is.EqualTo(new[] { $"{items[0].Id}#0:Rerun", $"{items[1].Id}#0:Orphaned" }));
            Assert.That(new[] { byNumber, byTag, byTime }.Select(r => (r.TargetVersion, string.Join(" ", StaleRuns(r)))), Is.All.EqualTo((2L, $"{items[0].Id}#0:Rerun")));
            Assert.That((atPin.Runs, atPin.Counts[StalenessState.Fresh]), Is.EqualTo((Array.Empty<StaleRun>(), 2L)));
        });
    }

    [Test]
    public void GetStaleness_BadArguments_FailWithTheirErrors()
    {
        var (ds, _, experiment) = ExperimentWithItems(1);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.GetStaleness("nope"), FailsWith(ErrorCode.ExperimentNotFound, "nope"));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Version = 5 }), Throws.InstanceOf<LiteDatasetsException>().With.Property("Code").EqualTo(ErrorCode.VersionNotFound));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Tag = "none" }), Throws.InstanceOf<LiteDatasetsException>().With.Property("Code").EqualTo(ErrorCode.TagNotFound));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Version = 1, Tag = "t" }), Throws.ArgumentException.With.Property("ParamName").EqualTo("options"));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Policy = new StalenessPolicy { RerunPaths = ["/output"] } }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("options.Policy.RerunPaths"));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Policy = new StalenessPolicy { RescorePaths = ["/input/a~2"] } }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("options.Policy.RescorePaths"));
            Assert.That(() => Store.GetStaleness(experiment.Id, new StalenessOptions { Policy = new StalenessPolicy { RescorePaths = null! } }),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("options.Policy.RescorePaths"));
            Assert.That(Store.GetExperiment(experiment.Id)!.DatasetId, Is.EqualTo(ds.Id));
        });
    }
}
