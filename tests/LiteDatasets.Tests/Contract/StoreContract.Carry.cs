namespace LiteDatasets.Tests.Contract;

/// <summary>Carrying results forward into a new experiment: what is copied and how it is marked, what stays pending, costs kept apart, and the errors.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void CreateExperiment_CarryFrom_CopiesFreshResultsWholeAndRescoreResultsWithoutScores()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", "\"a\"", id: "same"), JsonDraft("2", "\"b\"", id: "expected"), JsonDraft("3", "\"c\"", id: "input"), JsonDraft("4", "\"d\"", id: "failed")]);
        var earlier = NewExperiment(ds.Id, new ExperimentDefinition { Name = "first", TaskVersion = "m1" });
        var usage = new ResultUsage { InputTokens = 10, Cost = 0.5m, Currency = "USD" };
        Store.RecordResults(earlier.Id,
        [
            .. new[] { "same", "expected", "input" }.Select(id => new ResultDraft(id) { Output = Node("\"out\""), Usage = usage, Scores = [new ScoreDraft("exact") { Value = 1 }] }),
            new ResultDraft("failed") { Error = new ResultError("boom") },
        ]);
        Store.UpdateItem(ds.Id, "expected", new ItemPatch { ExpectedOutput = Node("\"B\"") });
        Store.UpdateItem(ds.Id, "input", new ItemPatch { Input = Node("30") });

        var carried = Store.CreateExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "m1", CarryFrom = "#1" });

        var results = Store.ReadResults(carried.Id).ToList();
        var summary = Store.Summarize(carried.Id);
        Assert.Multiple(() =>
        {
            Assert.That((carried.CarriedFrom, carried.Carried, carried.Recorded, carried.Succeeded, carried.DatasetVersion), Is.EqualTo((earlier.Id, 2L, 2L, 2L, 3L)));
            Assert.That(Store.GetExperiment(carried.Id), Has.Property(nameof(Experiment.CarriedFrom)).EqualTo(earlier.Id).And.Property(nameof(Experiment.Carried)).EqualTo(2));
            Assert.That(results.Select(r => (r.ItemId, r.CarriedFrom, r.Scores.Count, Text(r.Output))), Is.EqualTo(new[] { ("same", earlier.Id, 1, "\"out\""), ("expected", earlier.Id, 0, "\"out\"") }));
            Assert.That(results[1].ItemVersion, Is.EqualTo(2), "stamped with the item as it is at the new pin");
            Assert.That(Store.GetPendingWork(carried.Id).Select(w => (w.Item.Id, w.Reason, Text(w.Previous?.Output))),
                Is.EqualTo(new[] { ("expected", PendingReason.Rescore, "\"out\""), ("input", PendingReason.Rerun, "\"out\""), ("failed", PendingReason.Failed, "<null>") }));
            Assert.That(Store.GetPendingWork(carried.Id, new PendingOptions { IncludeFailed = false }).Select(w => w.Item.Id), Is.EqualTo(new[] { "expected", "input" }));
            Assert.That((summary.Usage.InputTokens, summary.CarriedUsage.InputTokens, summary.CarriedUsage.Costs.Single().Amount), Is.EqualTo((0L, 20L, 1.0m)));
            Assert.That(VerifyProblems(), Is.Empty);
        });
    }

    [Test]
    public void RecordScores_CarriedResultToRescore_IsNoLongerPendingAndKeepsItsSource()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", "\"a\"", id: "x")]);
        var earlier = NewExperiment(ds.Id);
        Store.RecordResult(earlier.Id, new ResultDraft("x") { Output = Node("\"out\""), Scores = [new ScoreDraft("exact") { Value = 1 }] });
        Store.UpdateItem(ds.Id, "x", new ItemPatch { ExpectedOutput = Node("\"out\"") });
        var carried = Store.CreateExperiment(ds.Id, new ExperimentDefinition { CarryFrom = earlier.Id });

        var rescored = Store.RecordScores(carried.Id, "x", 0, [new ScoreDraft("exact") { Value = 0 }]);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetPendingWork(carried.Id), Is.Empty);
            Assert.That((rescored.CarriedFrom, rescored.Scores.Single().Value), Is.EqualTo((earlier.Id, 0.0)));
            Assert.That(Store.RecordResult(carried.Id, new ResultDraft("x") { Output = Node("1") }).CarriedFrom, Is.Null, "a run recorded again is this experiment's own");
        });
    }

    [Test]
    public void CreateExperiment_CarryFromACarryStillWaitingToBeScored_KeepsItWaitingAndStalenessAgrees()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", "\"a\"", id: "x"), JsonDraft("2", "\"b\"", id: "y")]);
        var first = NewExperiment(ds.Id);
        Store.RecordResults(first.Id, new[] { "x", "y" }.Select(id => new ResultDraft(id) { Output = Node("\"out\""), Scores = [new ScoreDraft("exact") { Value = 1 }] }));
        Store.UpdateItem(ds.Id, "x", new ItemPatch { ExpectedOutput = Node("\"changed\"") });
        var second = Store.CreateExperiment(ds.Id, new ExperimentDefinition { CarryFrom = first.Id });

        // Carried again at the same version, before anyone scored x again: nothing changed between the two pins.
        var third = Store.CreateExperiment(ds.Id, new ExperimentDefinition { CarryFrom = second.Id });

        Assert.Multiple(() =>
        {
            foreach (var experiment in new[] { second, third })
            {
                var staleness = Store.GetStaleness(experiment.Id);
                Assert.That(Store.GetPendingWork(experiment.Id).Select(w => (w.Item.Id, w.Reason)), Is.EqualTo(new[] { ("x", PendingReason.Rescore) }), experiment.Name);
                Assert.That(staleness.Runs.Select(r => (r.ItemId, r.State)), Is.EqualTo(new[] { ("x", StalenessState.Rescore) }), experiment.Name);
                Assert.That((staleness.Counts[StalenessState.Rescore], staleness.Counts[StalenessState.Fresh]), Is.EqualTo((1L, 1L)), experiment.Name);
            }

            Assert.That(Store.ReadResults(third.Id).Select(r => (r.ItemId, r.Scores.Count, r.CarriedFrom)), Is.EqualTo(new[] { ("x", 0, second.Id), ("y", 1, second.Id) }));
        });
    }

    [Test]
    public void CreateExperiment_CarryFromWithStoredPolicy_JudgesByIt()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", metadata: """{"level":1}""", id: "x"), JsonDraft("2", metadata: """{"level":1}""", id: "y")]);
        var policy = new StalenessPolicy { RerunPaths = ["/input", "/metadata/level"] };
        var earlier = NewExperiment(ds.Id, new ExperimentDefinition { Policy = policy });
        Store.RecordResults(earlier.Id, [new ResultDraft("x") { Output = Node("1") }, new ResultDraft("y") { Output = Node("2") }]);
        Store.UpdateItem(ds.Id, "x", new ItemPatch { Metadata = Obj("""{"level":2}""") });

        var carried = Store.CreateExperiment(ds.Id, new ExperimentDefinition { Policy = policy, CarryFrom = earlier.Name });

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetExperiment(earlier.Id)!.Policy.RerunPaths, Is.EqualTo(new[] { "/input", "/metadata/level" }));
            Assert.That(Store.GetStaleness(earlier.Id).Runs.Select(r => (r.ItemId, r.State)), Is.EqualTo(new[] { ("x", StalenessState.Rerun) }));
            Assert.That(Store.GetStaleness(earlier.Id, new StalenessOptions { Policy = StalenessPolicy.Default }).Runs, Is.Empty, "a policy given to the call wins");
            Assert.That(Store.GetPendingWork(carried.Id).Select(w => (w.Item.Id, w.Reason)), Is.EqualTo(new[] { ("x", PendingReason.Rerun) }));
            Assert.That(Store.GetExperiment(carried.Id)!.Carried, Is.EqualTo(1));
        });
    }

    [Test]
    public void CreateExperiment_CarryFromIncompatibleOrUnknown_FailsAndWritesNothing()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);
        var other = NewDataset("other");
        AddNumbered(other.Id, 1);
        var earlier = NewExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "m1" });
        var elsewhere = NewExperiment(other.Id, new ExperimentDefinition { TaskVersion = "m1" });

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "m2", CarryFrom = earlier.Name }),
                FailsWith(ErrorCode.IncompatibleExperiments, "task version 'm1'"));
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { CarryFrom = earlier.Id }), FailsWith(ErrorCode.IncompatibleExperiments, "none"));
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "m1", CarryFrom = elsewhere.Id }),
                FailsWith(ErrorCode.IncompatibleExperiments, "another dataset"));
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "m1", CarryFrom = "#9" }), FailsWith(ErrorCode.ExperimentNotFound, "#9"));
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { CarryFrom = "" }), Throws.ArgumentException.With.Property("ParamName").EqualTo("definition.CarryFrom"));
            Assert.That(() => Store.CreateExperiment(ds.Id, new ExperimentDefinition { Policy = new StalenessPolicy { RerunPaths = ["input"] } }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("definition.Policy.RerunPaths"));
            Assert.That(Store.ListExperiments(ds.Id).Items.Select(e => e.Id), Is.EqualTo(new[] { earlier.Id }));
        });
    }
}
