namespace LiteDatasets.Tests.History;

/// <summary>A dataset's whole history copied between two file stores, directly and through a bundle, whole and as a fork.</summary>
public sealed class HistoryTransferTests : HistoryFixture
{
    [Test]
    public void Copy_ToAStoreWithoutTheDataset_GivesTheSameVersionsItemsHistoriesAndFingerprints()
    {
        var result = DatasetHistory.Copy(Source, Target, DatasetId);

        var version = Source.GetDataset(DatasetId)!.Version;
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(new HistoryTransfer(DatasetId, "model", true, 0, version, version, 2, false)));
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(StoreDump.OfDataset(Source, DatasetId)));
            Assert.That(Target.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void ExportThenImport_ThroughABundle_GivesTheSameDatasetAndTheSameBundleAgain()
    {
        var path = File("history.jsonl");
        var export = DatasetHistory.Export(Source, DatasetId, path);

        var result = DatasetHistory.Import(Target, path);

        Assert.Multiple(() =>
        {
            Assert.That(export, Is.EqualTo(new HistoryExport(DatasetId, Source.GetDataset(DatasetId)!.Version, 2)));
            Assert.That(result.Created, Is.True);
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(StoreDump.OfDataset(Source, DatasetId)));
            Assert.That(BundleLines(Target, DatasetId), Is.EqualTo(System.IO.File.ReadAllLines(path)));
        });
    }

    [Test]
    public void Copy_AtAVersion_ForksVersionsUpToItWithTheTagsThatNameThem()
    {
        var result = DatasetHistory.Copy(Source, Target, DatasetId, new HistoryCopyOptions { Tag = "first-cut" });

        Assert.Multiple(() =>
        {
            Assert.That((result.ToVersion, result.TagsWritten), Is.EqualTo((3L, 1)));
            Assert.That(Target.GetDataset(DatasetId)!.Version, Is.EqualTo(3));
            for (long n = 1; n <= 3; n++)
            {
                Assert.That(Target.GetVersion(DatasetId, n).Fingerprint, Is.EqualTo(Source.GetVersion(DatasetId, n).Fingerprint), $"version {n}");
                Assert.That(Target.ReadItems(DatasetId, n).Select(i => i.Id), Is.EqualTo(Source.ReadItems(DatasetId, n).Select(i => i.Id)), $"version {n}");
            }

            Assert.That(Target.ResolveVersion(DatasetId, "first-cut"), Is.EqualTo(3));
            Assert.That(Target.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void Copy_AsANewName_IsANewDatasetWithTheSameHistory()
    {
        DatasetHistory.Copy(Source, Target, DatasetId);

        var fork = DatasetHistory.Copy(Source, Target, DatasetId, new HistoryCopyOptions { AsName = "model-fork", Version = 10 });

        Assert.Multiple(() =>
        {
            Assert.That(fork.DatasetId, Is.Not.EqualTo(DatasetId));
            Assert.That(fork.Created, Is.True);
            Assert.That(Target.FindDataset("model-fork")!.Version, Is.EqualTo(10));
            Assert.That(Target.GetVersion(fork.DatasetId, 10).Fingerprint, Is.EqualTo(Source.GetVersion(DatasetId, 10).Fingerprint));
            Assert.That(Target.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void Copy_AfterMoreEditsAtTheSource_AppendsOnlyTheNewVersions()
    {
        var first = DatasetHistory.Copy(Source, Target, DatasetId);
        Edit(Source, DatasetId, "one more");
        Source.TagVersion(DatasetId, first.ToVersion + 1, "later");

        var push = DatasetHistory.Copy(Source, Target, DatasetId);
        var again = DatasetHistory.Copy(Source, Target, DatasetId);

        Assert.Multiple(() =>
        {
            Assert.That(push, Is.EqualTo(new HistoryTransfer(DatasetId, "model", false, first.ToVersion, first.ToVersion + 2, 2, 1, false)));
            Assert.That(again.UpToDate, Is.True);
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(StoreDump.OfDataset(Source, DatasetId)));
        });
    }

    [Test]
    public void Import_ABundleTheStorePartlyHolds_IsAPullOfTheRest()
    {
        DatasetHistory.Copy(Source, Target, DatasetId, new HistoryCopyOptions { Version = 5 });
        var path = File("history.jsonl");
        DatasetHistory.Export(Source, DatasetId, path);

        var pull = DatasetHistory.Import(Target, path);

        Assert.Multiple(() =>
        {
            Assert.That((pull.Created, pull.FromVersion, pull.ToVersion), Is.EqualTo((false, 5L, Source.GetDataset(DatasetId)!.Version)));
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(StoreDump.OfDataset(Source, DatasetId)));
        });
    }

    [Test]
    public void DryRun_ReportsWhatWouldBeWrittenAndWritesNothing()
    {
        var result = DatasetHistory.Copy(Source, Target, DatasetId, new HistoryCopyOptions { DryRun = true });

        Assert.Multiple(() =>
        {
            Assert.That((result.DryRun, result.Created, result.VersionsWritten), Is.EqualTo((true, true, Source.GetDataset(DatasetId)!.Version)));
            Assert.That(Target.GetDataset(DatasetId), Is.Null);
        });
    }

    [Test]
    public void Copy_OntoTheSameStore_IsRefused() =>
        Assert.That(() => DatasetHistory.Copy(Source, Source, DatasetId), Throws.ArgumentException);
}
