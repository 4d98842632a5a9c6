using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The step of this build's own format plan: a file of format 1, which has no experiment collections, becomes a file
/// of format 2 with them when it is opened for writing, keeps every row, and then takes experiments like a new file.
/// </summary>
[TestFixture]
public sealed class ExperimentFormatTests : StoreFileFixture
{
    [Test]
    public void FirstFormatSample_HasNoExperimentCollections()
    {
        TestStores.CreateFirstFormatSample(StorePath);

        using var store = DatasetStore.Open(new StoreSettings { Path = StorePath, ReadOnly = true, Formats = TestStores.FirstFormat });

        Assert.Multiple(() =>
        {
            Assert.That(store.FormatVersion, Is.EqualTo(1));
            Assert.That(ExperimentIndexes(store), Is.Empty);
        });
    }

    [Test]
    public void Open_FileOfFormatOneForWriting_UpgradesItToFormatTwoWithTheExperimentIndexesAndKeepsEverything()
    {
        var dump = TestStores.CreateFirstFormatSample(StorePath);

        using var store = TestStores.Open(StorePath);

        Assert.Multiple(() =>
        {
            Assert.That(store.FormatVersion, Is.EqualTo(StoreSchema.ExperimentsFormat));
            Assert.That(FormatPlan.Current.Version, Is.EqualTo(StoreSchema.ExperimentsFormat));
            Assert.That(ExperimentIndexes(store), Is.EquivalentTo(new[] { "sequence", "name" }));
            Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void UpgradedFile_TakesExperimentsThatOutliveReopening()
    {
        TestStores.CreateFirstFormatSample(StorePath);
        Experiment created;
        using (var store = TestStores.Open(StorePath))
        {
            var alpha = store.FindDataset("alpha")!;
            created = store.CreateExperiment(alpha.Id, new ExperimentDefinition { Tag = "golden", Filter = new ExperimentFilter { ExternalIds = ["math-1"] } });
        }

        using var reopened = TestStores.Open(StorePath);
        var read = reopened.GetExperiment(created.Id)!;

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Experiment(read), Is.EqualTo(StoreDump.Experiment(created)));
            Assert.That((read.Name, read.DatasetVersion, read.ResolvedFrom, read.ExpectedRuns), Is.EqualTo(("exp-1", 1L, "golden", 1L)));
            Assert.That(reopened.FindExperiment(read.DatasetId, "#1")?.Id, Is.EqualTo(created.Id));
            Assert.That(reopened.Verify().Problems, Is.Empty);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Open_FileOfFormatOneReadOnly_ReadsItAsItIsAndChangesNothing(bool shared)
    {
        // Format 2 only adds the experiment collections, so a read-only open reads a format-1 file as it is
        // (a tool upgraded before its files can still list them) and finds no experiments.
        var expected = TestStores.CreateFirstFormatSample(StorePath);
        var before = FileState.Of(StorePath);

        using (var store = TestStores.Open(StorePath, readOnly: true, shared: shared))
        {
            var dataset = store.ListDatasets().Items[0];
            Assert.Multiple(() =>
            {
                Assert.That(store.FormatVersion, Is.EqualTo(1));
                Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
                Assert.That(store.ListExperiments(dataset.Id).Items, Is.Empty);
                Assert.That(store.Verify().Problems, Is.Empty);
                Assert.That(TestStores.CodeOf(() => store.CreateExperiment(dataset.Id, new ExperimentDefinition())), Is.EqualTo(ErrorCode.ReadOnly));
            });
        }

        Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
    }

    [Test]
    public void Backup_KeepsTheExperiments()
    {
        var backup = Scratch.File("backup.litedb");
        IReadOnlyList<string> dump;
        using (var store = TestStores.Open(StorePath))
        {
            SampleData.Populate(store);
            var beta = store.FindDataset("beta")!;
            store.CreateExperiment(beta.Id, new ExperimentDefinition { Name = "kept", Repetitions = 3, Scorers = new Dictionary<string, string> { ["exact"] = "1" } });
            store.CompleteExperiment(store.CreateExperiment(beta.Id, new ExperimentDefinition()).Id, ExperimentStatus.Cancelled);
            store.Backup(backup);
            dump = StoreDump.Of(store);
        }

        using var copy = TestStores.Open(backup, readOnly: true);

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(copy), Is.EqualTo(dump));
            Assert.That(dump, Has.Exactly(2).Contains(" experiment #"));
            Assert.That(copy.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void ReadOnlyStore_ReadsExperimentsAndRefusesEveryExperimentWrite()
    {
        Experiment experiment;
        using (var store = TestStores.Open(StorePath))
        {
            var ds = store.CreateDataset(new DatasetDefinition("qa"));
            experiment = store.CreateExperiment(ds.Id, new ExperimentDefinition { Name = "kept" });
        }

        using var readOnly = TestStores.Open(StorePath, readOnly: true);

        Assert.Multiple(() =>
        {
            Assert.That(readOnly.FindExperiment(experiment.DatasetId, "kept")?.Id, Is.EqualTo(experiment.Id));
            Assert.That(TestStores.CodeOf(() => readOnly.CreateExperiment(experiment.DatasetId, new ExperimentDefinition())), Is.EqualTo(ErrorCode.ReadOnly));
            Assert.That(TestStores.CodeOf(() => readOnly.UpdateExperiment(experiment.Id, new ExperimentUpdate { Name = "x" })), Is.EqualTo(ErrorCode.ReadOnly));
            Assert.That(TestStores.CodeOf(() => readOnly.CompleteExperiment(experiment.Id, ExperimentStatus.Completed)), Is.EqualTo(ErrorCode.ReadOnly));
            Assert.That(TestStores.CodeOf(() => readOnly.DeleteExperiment(experiment.Id)), Is.EqualTo(ErrorCode.ReadOnly));
        });
    }

    private static List<string> ExperimentIndexes(DatasetStore store) =>
        [.. store.Connection.Database.GetCollection("$indexes").Find("$.collection = 'experiments'").Select(i => i["name"].AsString).Where(n => n != "_id")];
}
