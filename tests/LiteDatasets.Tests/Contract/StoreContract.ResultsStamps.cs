using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Results against the pinned version: stamps, snapshot order, paging, and results going with their experiment or dataset.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void RecordResult_Stamp_IsTheItemsRevisionAtThePinEvenAfterTheDatasetIsEdited()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;
        Store.UpdateItem(ds.Id, items[1].Id, new ItemPatch { Input = JsonValue.Create("edited before the pin") });
        var pinnedHash = Store.ComputeFingerprint(ds.Id, 2);
        var experiment = NewExperiment(ds.Id);
        var before = Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id));

        Store.UpdateItem(ds.Id, items[1].Id, new ItemPatch { Input = JsonValue.Create("edited after the pin") });
        Store.DeleteItem(ds.Id, items[0].Id);
        var after = Store.RecordResult(experiment.Id, new ResultDraft(items[1].Id));
        var deletedSince = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));

        var atPin = Store.GetItem(ds.Id, items[1].Id, 2)!;
        Assert.Multiple(() =>
        {
            Assert.That((before.ItemVersion, after.ItemVersion, deletedSince.ItemVersion), Is.EqualTo((2L, 2L, 1L)), "the version at which the content at the pin was committed");
            Assert.That(atPin.Version, Is.EqualTo(2));
            Assert.That(after.ItemHash, Is.EqualTo(before.ItemHash).And.Match("^[0-9a-f]{64}$"));
            Assert.That(after.ItemHash, Is.Not.EqualTo(deletedSince.ItemHash));
            Assert.That(Store.ComputeFingerprint(ds.Id, 2), Is.EqualTo(pinnedHash).And.EqualTo(experiment.DatasetFingerprint));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => (r.ItemId, r.ItemVersion, r.ItemHash)), Is.EqualTo(new[] { (items[0].Id, 1L, deletedSince.ItemHash), (items[1].Id, 2L, after.ItemHash) }));
        });
    }

    [Test]
    public void RecordResult_IntoAnExperimentIdGivenAgain_StampsTheNewPinAndFilter()
    {
        // The store keeps the stamps of items once looked up: an id deleted and given again pins anew.
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 2).Items;
        var first = NewExperiment(ds.Id, new ExperimentDefinition { Id = "again", Version = 1 });
        var atOne = Store.RecordResult(first.Id, new ResultDraft(items[0].Id));
        Store.RecordResult(first.Id, new ResultDraft(items[1].Id));
        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { Input = JsonValue.Create("edited") });
        Store.DeleteExperiment(first.Id);

        var second = NewExperiment(ds.Id, new ExperimentDefinition { Id = "again", Filter = new ExperimentFilter { ItemIds = [items[0].Id] } });
        var atTwo = Store.RecordResult(second.Id, new ResultDraft(items[0].Id));

        Assert.Multiple(() =>
        {
            Assert.That((atOne.ItemVersion, atTwo.ItemVersion), Is.EqualTo((1L, 2L)));
            Assert.That(atOne.ItemHash, Is.EqualTo(ItemHash.Of(Store.GetItem(ds.Id, items[0].Id, 1)!)));
            Assert.That(atTwo.ItemHash, Is.EqualTo(ItemHash.Of(Store.GetItem(ds.Id, items[0].Id)!)).And.Not.EqualTo(atOne.ItemHash));
            Assert.That(() => Store.RecordResult(second.Id, new ResultDraft(items[1].Id)), Throws.TypeOf<LiteDatasetsException>()
                .With.Property(nameof(LiteDatasetsException.Code)).EqualTo(ErrorCode.ItemNotInExperiment));
        });
    }

    [Test]
    public void RecordResult_ItemHash_IsTheItemsFingerprintTerm()
    {
        // A dataset of one item has the item's term as its fingerprint (the sum of one term).
        var (ds, items, experiment) = ExperimentWithItems(1);

        var recorded = Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));

        Assert.That(recorded.ItemHash, Is.EqualTo(Store.ComputeFingerprint(ds.Id, 1)));
    }

    [Test]
    public void ListResults_FollowSnapshotOrderWithRepetitionsAscendingAndPageByCursor()
    {
        var (ds, items, experiment) = ExperimentWithItems(4, new ExperimentDefinition { Repetitions = 3 });
        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { Input = JsonValue.Create("edited") });
        var order = new[] { (3, 2), (0, 1), (2, 0), (0, 0), (3, 0), (1, 2), (2, 2) };
        Store.RecordResults(experiment.Id, order.Take(3).Select(o => new ResultDraft(items[o.Item1].Id) { Repetition = o.Item2 }));
        foreach (var (item, repetition) in order.Skip(3))
        {
            Store.RecordResult(experiment.Id, new ResultDraft(items[item].Id) { Repetition = repetition });
        }

        var pages = new List<ResultPage>();
        string? cursor = null;
        do
        {
            pages.Add(Store.ListResults(experiment.Id, new ResultQuery { PageSize = 3, After = cursor }));
            cursor = pages[^1].NextCursor;
        }
        while (cursor is not null);

        var expected = order.Order().Select(o => (items[o.Item1].Id, o.Item2)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 3, 3, 1 }));
            Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(7));
            Assert.That(pages.SelectMany(p => p.Items).Select(r => (r.ItemId, r.Repetition)), Is.EqualTo(expected));
            Assert.That(Store.ReadResults(experiment.Id).Select(r => (r.ItemId, r.Repetition)), Is.EqualTo(expected));
            Assert.That(Store.ListResults(experiment.Id, new ResultQuery { PageSize = 7 }).NextCursor, Is.Null);
        });
    }

    [Test]
    public void ListResults_NoResultsOrGarbledCursorOrUnknownExperiment_AreAnswered()
    {
        var (ds, _, experiment) = ExperimentWithItems(2);
        NewExperiment(ds.Id);
        var experimentCursor = Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 1 }).NextCursor;
        var empty = Store.ListResults(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(empty.Items, Is.Empty);
            Assert.That((empty.Total, empty.NextCursor), Is.EqualTo((0L, (string?)null)));
            Assert.That(Store.ReadResults(experiment.Id), Is.Empty);
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { After = "garbled" }), Throws.ArgumentException);
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { After = experimentCursor }), Throws.ArgumentException, "a cursor of another list");
            Assert.That(() => Store.ListResults(experiment.Id, new ResultQuery { PageSize = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.ListResults("nope"), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.ReadResults("nope").ToList(), FailsWith(ErrorCode.ExperimentNotFound));
        });
    }

    [Test]
    public void ReadResults_ExperimentDeletedWhileStreaming_FailsInsteadOfEndingEarly()
    {
        var (_, items, experiment) = ExperimentWithItems(600);
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id)));
        using var stream = Store.ReadResults(experiment.Id).GetEnumerator();
        Assert.That(stream.MoveNext(), Is.True);

        Store.DeleteExperiment(experiment.Id);

        Assert.That(() => { while (stream.MoveNext()) { } }, FailsWith(ErrorCode.ExperimentNotFound));
    }

    [Test]
    public void DeleteExperimentOrDataset_DeletesTheResults()
    {
        var (ds, items, kept) = ExperimentWithItems(2);
        var deleted = NewExperiment(ds.Id);
        var other = NewDataset("other");
        var otherItem = AddNumbered(other.Id, 1).Items[0];
        var otherExperiment = NewExperiment(other.Id);
        foreach (var experiment in new[] { kept, deleted })
        {
            Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id) { Output = Node("1") }));
        }

        Store.RecordResult(otherExperiment.Id, new ResultDraft(otherItem.Id));

        Store.DeleteExperiment(deleted.Id);
        var keptAfterDelete = Store.ReadResults(kept.Id).Count();
        Store.DeleteDataset(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(keptAfterDelete, Is.EqualTo(2));
            Assert.That(() => Store.ListResults(deleted.Id), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.ListResults(kept.Id), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(Store.ReadResults(otherExperiment.Id).Select(r => r.ItemId), Is.EqualTo(new[] { otherItem.Id }));
            Assert.That(VerifyProblems(), Is.Empty);
        });
    }

    [Test]
    public void DeleteExperiment_ThenANewOneWithItsId_StartsWithoutResults()
    {
        var (ds, items, experiment) = ExperimentWithItems(1, new ExperimentDefinition { Id = "run-1" });
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));

        Store.DeleteExperiment(experiment.Id);
        var again = NewExperiment(ds.Id, new ExperimentDefinition { Id = "run-1" });

        Assert.Multiple(() =>
        {
            Assert.That(Store.ReadResults(again.Id), Is.Empty);
            Assert.That((again.Recorded, again.Succeeded, again.Failed), Is.EqualTo((0L, 0L, 0L)));
        });
    }

    [Test]
    public void RecordResults_StoreReopened_KeepsEveryResult()
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        Store.RecordResults(experiment.Id, [new ResultDraft(items[0].Id) { Output = Node("""{"b":1.0,"a":2}"""), Scores = [new ScoreDraft("s") { Value = 0.5 }] }, new ResultDraft(items[1].Id) { Error = new ResultError("x") }]);
        var before = Store.ReadResults(experiment.Id).Select(Describe).ToList();

        Store = factory.Reopen(Store, Clock);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ReadResults(experiment.Id).Select(Describe), Is.EqualTo(before));
            Assert.That((Store.GetExperiment(experiment.Id)!.Recorded, Store.GetExperiment(experiment.Id)!.Failed), Is.EqualTo((2L, 1L)));
        });
    }
}
