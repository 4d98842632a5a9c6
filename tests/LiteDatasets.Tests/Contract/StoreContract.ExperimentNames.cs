namespace LiteDatasets.Tests.Contract;

/// <summary>Experiment names (unique per dataset ignoring case, default <c>exp-N</c>), finding by name or <c>#N</c>, and listing.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void CreateExperiment_NameTakenIgnoringCase_IsExperimentNameTakenAndWritesNothing()
    {
        var ds = NewDataset();
        var other = NewDataset("other");
        NewExperiment(ds.Id, new ExperimentDefinition { Name = "Baseline" });

        var error = AssertRefused(ds.Id, ErrorCode.ExperimentNameTaken, () => NewExperiment(ds.Id, new ExperimentDefinition { Name = "bASELINE" }));

        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain("'bASELINE'"));
            Assert.That(NewExperiment(other.Id, new ExperimentDefinition { Name = "baseline" }).Name, Is.EqualTo("baseline"), "names are unique per dataset");
            Assert.That(NewExperiment(ds.Id).Sequence, Is.EqualTo(2), "the refused call took no number");
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.EqualTo(2));
        });
    }

    [Test]
    public void CreateExperiment_NamesOfTheFormsOfNumbersAndDefaultNames_AreRefusedExceptItsOwnDefaultName()
    {
        var ds = NewDataset();

        Assert.Multiple(() =>
        {
            Assert.That(() => NewExperiment(ds.Id, new ExperimentDefinition { Name = "#3" }), Throws.ArgumentException.With.Message.Contains("sequence number"));
            Assert.That(() => NewExperiment(ds.Id, new ExperimentDefinition { Name = "EXP-2" }), Throws.ArgumentException.With.Message.Contains("default name"));
            Assert.That(Store.ListExperiments(ds.Id).Total, Is.Zero);
            Assert.That(NewExperiment(ds.Id, new ExperimentDefinition { Name = "Exp-1" }).Name, Is.EqualTo("Exp-1"), "experiment #1 may have its own default name");
            Assert.That(NewExperiment(ds.Id, new ExperimentDefinition { Name = "#3a" }).Name, Is.EqualTo("#3a"));
            Assert.That(NewExperiment(ds.Id, new ExperimentDefinition { Name = "exp-" }).Name, Is.EqualTo("exp-"));
            Assert.That(NewExperiment(ds.Id).Name, Is.EqualTo("exp-4"), "a default name is never taken");
        });
    }

    [Test]
    public void FindExperiment_ByNameIgnoringCaseOrBySequence_FindsIt()
    {
        var ds = NewDataset();
        var first = NewExperiment(ds.Id, new ExperimentDefinition { Name = "Straße run" });
        var second = NewExperiment(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(Store.FindExperiment(ds.Id, "STRASSE RUN"), Is.Null, "ignoring case is not folding");
            Assert.That(Store.FindExperiment(ds.Id, "straße RUN")?.Id, Is.EqualTo(first.Id));
            Assert.That(Store.FindExperiment(ds.Id, "#1")?.Id, Is.EqualTo(first.Id));
            Assert.That(Store.FindExperiment(ds.Id, "#2")?.Id, Is.EqualTo(second.Id));
            Assert.That(Store.FindExperiment(ds.Id, "Exp-2")?.Id, Is.EqualTo(second.Id));
            Assert.That(Store.FindExperiment(ds.Id, "#02")?.Id, Is.EqualTo(second.Id));
            Assert.That(Store.FindExperiment(ds.Id, "#3"), Is.Null);
            Assert.That(Store.FindExperiment(ds.Id, "#0"), Is.Null);
            Assert.That(Store.FindExperiment(ds.Id, "#99999999999999999999999"), Is.Null);
            Assert.That(Store.FindExperiment(ds.Id, "missing"), Is.Null);
            Assert.That(Store.FindExperiment(NewDataset("other").Id, "#1"), Is.Null);
            Assert.That(() => Store.FindExperiment("no-such-dataset", "#1"), FailsWith(ErrorCode.DatasetNotFound));
        });
    }

    [Test]
    public void UpdateExperiment_Rename_FreesTheOldNameAndRefusesATakenOne()
    {
        var ds = NewDataset();
        var first = NewExperiment(ds.Id, new ExperimentDefinition { Name = "first" });
        NewExperiment(ds.Id, new ExperimentDefinition { Name = "second" });

        var renamed = Store.UpdateExperiment(first.Id, new ExperimentUpdate { Name = "Primary" });
        var recased = Store.UpdateExperiment(first.Id, new ExperimentUpdate { Name = "PRIMARY" });

        Assert.Multiple(() =>
        {
            Assert.That((renamed.Name, recased.Name), Is.EqualTo(("Primary", "PRIMARY")));
            Assert.That(Store.FindExperiment(ds.Id, "primary")?.Id, Is.EqualTo(first.Id));
            Assert.That(Store.FindExperiment(ds.Id, "first"), Is.Null);
            Assert.That(NewExperiment(ds.Id, new ExperimentDefinition { Name = "First" }).Sequence, Is.EqualTo(3));
            Assert.That(() => Store.UpdateExperiment(first.Id, new ExperimentUpdate { Name = "Second" }), FailsWith(ErrorCode.ExperimentNameTaken));
            Assert.That(() => Store.UpdateExperiment(first.Id, new ExperimentUpdate { Name = "exp-3" }), Throws.ArgumentException);
            Assert.That(Store.UpdateExperiment(first.Id, new ExperimentUpdate { Name = "exp-1" }).Name, Is.EqualTo("exp-1"), "its own default name");
            Assert.That(Store.GetExperiment(first.Id)!.Name, Is.EqualTo("exp-1"));
        });
    }

    [Test]
    public void ListExperiments_PagesByCursor_NewestFirst()
    {
        var ds = NewDataset();
        var created = Enumerable.Range(0, 5).Select(_ => NewExperiment(ds.Id)).ToList();
        NewExperiment(NewDataset("other").Id);
        Store.DeleteExperiment(created[3].Id);

        var pages = new List<ExperimentPage> { Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 2 }) };
        while (pages[^1].NextCursor is { } next)
        {
            pages.Add(Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 2, After = next }));
        }

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Select(e => e.Sequence).ToArray()), Is.EqualTo(new[] { new[] { 5L, 3L }, new[] { 2L, 1L } }));
            Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(4));
            Assert.That(pages[^1].NextCursor, Is.Null);
            Assert.That(StoreDump.Experiment(pages[0].Items[0]), Is.EqualTo(StoreDump.Experiment(created[4])));
            Assert.That(Store.ListExperiments(ds.Id).Items.Select(e => e.Sequence), Is.EqualTo(new[] { 5L, 3L, 2L, 1L }));
            var empty = Store.ListExperiments(NewDataset("empty").Id);
            Assert.That((empty.Items.Count, empty.Total, empty.NextCursor), Is.EqualTo((0, 0L, (string?)null)));
        });
    }

    [Test]
    public void ListExperiments_CursorOfAnotherListOrAltered_ThrowsArgumentException()
    {
        var ds = NewDataset();
        NewExperiment(ds.Id);
        NewExperiment(ds.Id);
        AddNumbered(ds.Id, 1);
        AddNumbered(ds.Id, 1, from: 1);
        var cursor = Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 1 }).NextCursor!;
        var versionCursor = Store.ListVersions(ds.Id, new VersionQuery { PageSize = 1 }).NextCursor!;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListExperiments(ds.Id, new ExperimentQuery { After = versionCursor }), Throws.ArgumentException);
            Assert.That(() => Store.ListExperiments(ds.Id, new ExperimentQuery { After = cursor[..^2] }), Throws.ArgumentException);
            Assert.That(() => Store.ListVersions(ds.Id, new VersionQuery { After = cursor }), Throws.ArgumentException);
            Assert.That(() => Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.ListExperiments(ds.Id, new ExperimentQuery { PageSize = 1001 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.ListExperiments("no-such-dataset"), FailsWith(ErrorCode.DatasetNotFound));
        });
    }
}
