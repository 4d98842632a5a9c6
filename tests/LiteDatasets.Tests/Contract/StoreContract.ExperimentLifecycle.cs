using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Experiments over their life: relabelling, closing once, deleting, going with their dataset, and creating again by id.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void UpdateExperiment_DescriptionAndMetadata_AreSetKeptAndCleared()
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Description = "d", Metadata = Obj("""{"a":1}"""), TaskVersion = "t1" });

        var described = Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Description = "new" });
        var tagged = Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Metadata = Obj("""{"z":[true],"A":"x"}""") });
        var unchanged = Store.UpdateExperiment(experiment.Id, new ExperimentUpdate());
        var cleared = Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { ClearDescription = true, ClearMetadata = true });

        Assert.Multiple(() =>
        {
            Assert.That((described.Description, Text(described.Metadata)), Is.EqualTo(("new", """{"a":1}""")));
            Assert.That((tagged.Description, Text(tagged.Metadata)), Is.EqualTo(("new", """{"z":[true],"A":"x"}""")));
            Assert.That(StoreDump.Experiment(unchanged), Is.EqualTo(StoreDump.Experiment(tagged)));
            Assert.That((cleared.Description, cleared.Metadata), Is.EqualTo(((string?)null, (JsonObject?)null)));
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(cleared)));
            Assert.That((cleared.Name, cleared.TaskVersion, cleared.DatasetVersion, cleared.CreatedAt), Is.EqualTo((experiment.Name, "t1", 0L, experiment.CreatedAt)));
        });
    }

    [TestCase(ExperimentStatus.Completed)]
    [TestCase(ExperimentStatus.Cancelled)]
    public void CompleteExperiment_Running_ClosesItOnceAndAnyLaterCloseIsExperimentClosed(ExperimentStatus status)
    {
        var ds = NewDataset();
        var experiment = NewExperiment(ds.Id);
        Clock.Advance(TimeSpan.FromMinutes(5));

        var closed = Store.CompleteExperiment(experiment.Id, status);
        Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That((closed.Status, closed.CompletedAt), Is.EqualTo((status, (DateTimeOffset?)experiment.CreatedAt.AddMinutes(5))));
            Assert.That(StoreDump.Experiment(Store.GetExperiment(experiment.Id)!), Is.EqualTo(StoreDump.Experiment(closed)));
            Assert.That(() => Store.CompleteExperiment(experiment.Id, ExperimentStatus.Completed), FailsWith(ErrorCode.ExperimentClosed, status.ToString().ToLowerInvariant()));
            Assert.That(() => Store.CompleteExperiment(experiment.Id, ExperimentStatus.Cancelled), FailsWith(ErrorCode.ExperimentClosed));
            Assert.That(Store.GetExperiment(experiment.Id)!.CompletedAt, Is.EqualTo(closed.CompletedAt), "a refused close changes nothing");
            Assert.That(Store.UpdateExperiment(experiment.Id, new ExperimentUpdate { Name = "labelled later" }).Status, Is.EqualTo(status), "labels change also once it is closed");
        });
    }

    [Test]
    public void CompleteExperiment_RunningOrNoMember_ThrowsArgumentOutOfRange()
    {
        var experiment = NewExperiment(NewDataset().Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CompleteExperiment(experiment.Id, ExperimentStatus.Running), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.CompleteExperiment(experiment.Id, (ExperimentStatus)0), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("Completed"));
            Assert.That(Store.GetExperiment(experiment.Id)!.Status, Is.EqualTo(ExperimentStatus.Running));
        });
    }

    [Test]
    public void DeleteExperiment_RemovesItAndOnlyIt()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);
        var kept = NewExperiment(ds.Id);
        var deleted = NewExperiment(ds.Id, new ExperimentDefinition { Name = "gone" });
        Store.CompleteExperiment(deleted.Id, ExperimentStatus.Completed);
        var before = StateOf(ds.Id);

        Store.DeleteExperiment(deleted.Id);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetExperiment(deleted.Id), Is.Null);
            Assert.That(Store.FindExperiment(ds.Id, "gone"), Is.Null);
            Assert.That(Store.GetExperiment(kept.Id), Is.Not.Null);
            Assert.That(StateOf(ds.Id), Is.EqualTo(before), "the dataset is untouched");
            Assert.That(() => Store.DeleteExperiment(deleted.Id), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(NewExperiment(ds.Id, new ExperimentDefinition { Name = "gone" }).Sequence, Is.EqualTo(3), "the name is free again, the number is not");
        });
    }

    [Test]
    public void DeleteDataset_DeletesItsExperiments_AndADatasetCreatedAgainUnderItsIdStartsAfresh()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Id = "fixed-id" });
        var other = NewDataset("other");
        var experiments = new[] { NewExperiment(ds.Id), NewExperiment(ds.Id, new ExperimentDefinition { Name = "x" }) };
        var untouched = NewExperiment(other.Id, new ExperimentDefinition { Name = "x" });

        Store.DeleteDataset(ds.Id);
        var again = Store.CreateDataset(new DatasetDefinition("qa") { Id = "fixed-id" });

        Assert.Multiple(() =>
        {
            Assert.That(experiments.Select(e => Store.GetExperiment(e.Id)), Is.All.Null);
            Assert.That(Store.ListExperiments(again.Id).Total, Is.Zero);
            Assert.That(Store.FindExperiment(again.Id, "#1"), Is.Null);
            Assert.That(NewExperiment(again.Id, new ExperimentDefinition { Name = "x" }).Sequence, Is.EqualTo(1));
            Assert.That(Store.GetExperiment(untouched.Id)?.DatasetId, Is.EqualTo(other.Id));
            Assert.That(() => Store.UpdateExperiment(experiments[0].Id, new ExperimentUpdate { Name = "y" }), FailsWith(ErrorCode.ExperimentNotFound));
        });
    }

    [Test]
    public void CreateExperiment_AgainWithItsIdAndDefinition_ReturnsTheStoredOneAndWritesNothing()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);
        Store.TagVersion(ds.Id, 1, "golden");
        var byDefault = new ExperimentDefinition { Id = "run-1", Repetitions = 2, Metadata = Obj("""{"a":1,"b":2}"""), Filter = new ExperimentFilter { ExternalIds = ["x", "y"] } };
        var byTag = new ExperimentDefinition { Id = "run-2", Name = "tagged", Tag = "golden", Scorers = new Dictionary<string, string> { ["s"] = "1" } };
        var first = NewExperiment(ds.Id, byDefault);
        var second = NewExperiment(ds.Id, byTag);
        AddNumbered(ds.Id, 1, from: 5);
        Store.DeleteTag(ds.Id, "golden");
        Clock.Advance(TimeSpan.FromHours(1));

        var retried = NewExperiment(ds.Id, byDefault with { Metadata = Obj("""{"b":2,"a":1}"""), Filter = new ExperimentFilter { ExternalIds = ["y", "x", "x"] } });
        var retriedByTag = NewExperiment(ds.Id, byTag);

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Experiment(retried), Is.EqualTo(StoreDump.Experiment(first)), "the pin of the first call, not the version current now");
            Assert.That(StoreDump.Experiment(retriedByTag), Is.EqualTo(StoreDump.Experiment(second)), "the tag is not resolved again");
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.EqualTo(2));
            Assert.That(NewExperiment(ds.Id).Sequence, Is.EqualTo(3));
        });
    }

    [Test]
    public void CreateExperiment_ItsIdWithAnotherDefinition_IsExperimentIdTakenAndWritesNothing()
    {
        var ds = NewDataset();
        var other = NewDataset("other");
        AddNumbered(ds.Id, 2);
        var definition = new ExperimentDefinition { Id = "run-1", Version = 1, TaskVersion = "t" };
        NewExperiment(ds.Id, definition);

        var variants = new (ExperimentDefinition Definition, string Says)[]
        {
            (definition with { Version = 2 }, "dataset version"),
            (definition with { Version = null }, "dataset version"),
            (definition with { Name = "named" }, "name"),
            (definition with { Repetitions = 2 }, "repetitions"),
            (definition with { TaskVersion = "T" }, "task version"),
            (definition with { Description = "d" }, "description"),
            (definition with { Metadata = Obj("{}") }, "metadata"),
            (definition with { Scorers = new Dictionary<string, string> { ["s"] = "1" } }, "scorers"),
            (definition with { Filter = new ExperimentFilter { ItemIds = ["i"] } }, "filter"),
        };

        Assert.Multiple(() =>
        {
            foreach (var (variant, says) in variants)
            {
                Assert.That(AssertRefused(ds.Id, ErrorCode.ExperimentIdTaken, () => NewExperiment(ds.Id, variant)).Message, Does.Contain(says).And.Contain("'run-1'"));
            }

            Assert.That(() => NewExperiment(other.Id, definition), FailsWith(ErrorCode.ExperimentIdTaken, "another dataset"));
            Assert.That(Store.ListExperiments(ds.Id).Total + Store.ListExperiments(other.Id).Total, Is.EqualTo(1));
        });
    }
}
