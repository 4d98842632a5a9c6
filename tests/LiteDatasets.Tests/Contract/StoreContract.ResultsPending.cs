using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Pending work: the runs without a result, or with a failed one, in snapshot order at the pin, read in short reads.</summary>
public sealed partial class StoreContract
{
    private static string[] Runs(IEnumerable<PendingWork> work) =>
        [.. work.Select(w => FormattableString.Invariant($"{w.Item.Id}#{w.Repetition}:{w.Reason}"))];

    [Test]
    public void GetPendingWork_FreshExperiment_ListsEveryRunInSnapshotOrder()
    {
        var (ds, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });

        var work = Store.GetPendingWork(experiment.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Runs(work), Is.EqualTo(items.SelectMany(i => new[] { $"{i.Id}#0:Missing", $"{i.Id}#1:Missing" })));
            Assert.That(work.Select(w => Describe(w.Item)).Distinct(), Is.EqualTo(Store.ReadItems(ds.Id, experiment.DatasetVersion).Select(Describe)));
            Assert.That(work.Select(w => w.Previous), Is.All.Null);
        });
    }

    [Test]
    public void GetPendingWork_AfterResults_ListsTheMissingAndFailedRunsWithTheFailedResult()
    {
        var (_, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id,
        [
            new ResultDraft(items[0].Id) { Output = Node("1") },
            new ResultDraft(items[0].Id) { Repetition = 1, Error = new ResultError("timed out", ResultErrorKind.Timeout) },
            new ResultDraft(items[2].Id) { Repetition = 1, Output = Node("2") },
        ]);

        var work = Store.GetPendingWork(experiment.Id).ToList();
        var missingOnly = Store.GetPendingWork(experiment.Id, new PendingOptions { IncludeFailed = false });

        Assert.Multiple(() =>
        {
            Assert.That(Runs(work), Is.EqualTo(new[] { $"{items[0].Id}#1:Failed", $"{items[1].Id}#0:Missing", $"{items[1].Id}#1:Missing", $"{items[2].Id}#0:Missing" }));
            Assert.That(work[0].Previous?.Error, Is.EqualTo(new ResultError("timed out", ResultErrorKind.Timeout)));
            Assert.That(work.Skip(1).Select(w => w.Previous), Is.All.Null);
            Assert.That(Runs(missingOnly), Is.EqualTo(Runs(work.Skip(1))));
        });
    }

    [Test]
    public void GetPendingWork_DatasetEditedAfterThePin_ListsTheItemsInScopeAsTheyWereAtThePin()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [JsonDraft("1", metadata: """{"split":"test"}"""), JsonDraft("2", metadata: """{"split":"dev"}"""), JsonDraft("3", metadata: """{"split":"test"}""")]).Items;
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Filter = new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("test") } } });
        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { Input = JsonValue.Create("edited") });
        Store.DeleteItem(ds.Id, items[2].Id);
        Store.AddItem(ds.Id, JsonDraft("4", metadata: """{"split":"test"}"""));

        var work = Store.GetPendingWork(experiment.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(work.Select(w => w.Item.Id), Is.EqualTo(new[] { items[0].Id, items[2].Id }));
            Assert.That(work.Select(w => (Text(w.Item.Input), w.Item.Version)), Is.EqualTo(new[] { ("1", 1L), ("3", 1L) }));
        });
    }

    [Test]
    public void GetPendingWork_RecordingWhileIterating_EndsWithNothingPending()
    {
        var (_, _, experiment) = ExperimentWithItems(1200);
        var listed = 0;

        foreach (var run in Store.GetPendingWork(experiment.Id))
        {
            listed++;
            Store.RecordResult(experiment.Id, new ResultDraft(run.Item.Id) { Repetition = run.Repetition, Output = run.Item.Input.DeepClone() });
        }

        Assert.Multiple(() =>
        {
            Assert.That(listed, Is.EqualTo(1200));
            Assert.That(Store.GetPendingWork(experiment.Id), Is.Empty);
            Assert.That(Store.GetExperiment(experiment.Id)!.Recorded, Is.EqualTo(1200));
        });
    }

    [Test]
    public void GetPendingWork_ManyRepetitions_ListsEachRunOnce()
    {
        var (_, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 700 });
        Store.RecordResults(experiment.Id, Enumerable.Range(0, 700).Where(r => r % 7 != 0).Select(r => new ResultDraft(items[1].Id) { Repetition = r }));

        var work = Store.GetPendingWork(experiment.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(work, Has.Count.EqualTo(700 + 100 + 700));
            Assert.That(work.Select(w => (w.Item.Id, w.Repetition)).Distinct().Count(), Is.EqualTo(work.Count));
            Assert.That(work.Where(w => w.Item.Id == items[1].Id).Select(w => w.Repetition), Is.EqualTo(Enumerable.Range(0, 100).Select(r => r * 7)));
        });
    }

    [Test]
    public void GetPendingWork_UnknownOrDeletedExperiment_IsExperimentNotFoundWhenEnumerated()
    {
        var (_, _, experiment) = ExperimentWithItems(1200);
        var work = Store.GetPendingWork("nope");
        using var stream = Store.GetPendingWork(experiment.Id).GetEnumerator();
        Assert.That(stream.MoveNext(), Is.True);

        Store.DeleteExperiment(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => work.ToList(), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => { while (stream.MoveNext()) { } }, FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.GetPendingWork(""), Throws.ArgumentException);
        });
    }
}
