namespace LiteDatasets.Tests.History;

/// <summary>Histories that parted are found in both directions, and nothing is written.</summary>
public sealed class HistoryDivergenceTests : HistoryFixture
{
    [Test]
    public void Copy_TargetHasVersionsTheSourceLacks_IsDivergedAtTheSourcesLastVersion()
    {
        DatasetHistory.Copy(Source, Target, DatasetId);
        var sourceVersion = Source.GetDataset(DatasetId)!.Version;
        Edit(Target, DatasetId, "only in the target");
        var before = StoreDump.OfDataset(Target, DatasetId);

        var error = Assert.Throws<DivergedException>(() => DatasetHistory.Copy(Source, Target, DatasetId))!;

        Assert.Multiple(() =>
        {
            Assert.That((error.Code, error.LastCommonVersion), Is.EqualTo((ErrorCode.Diverged, sourceVersion)));
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(before));
        });
    }

    [Test]
    public void Copy_BothSidesEditedAfterACommonVersion_IsDivergedBothWays()
    {
        DatasetHistory.Copy(Source, Target, DatasetId);
        var common = Source.GetDataset(DatasetId)!.Version;
        Edit(Source, DatasetId, "in the source");
        Edit(Target, DatasetId, "in the target");
        var target = StoreDump.OfDataset(Target, DatasetId);
        var source = StoreDump.OfDataset(Source, DatasetId);

        var push = Assert.Throws<DivergedException>(() => DatasetHistory.Copy(Source, Target, DatasetId))!;
        var pull = Assert.Throws<DivergedException>(() => DatasetHistory.Copy(Target, Source, DatasetId))!;

        Assert.Multiple(() =>
        {
            Assert.That((push.LastCommonVersion, pull.LastCommonVersion), Is.EqualTo((common, common)));
            Assert.That(StoreDump.OfDataset(Target, DatasetId), Is.EqualTo(target));
            Assert.That(StoreDump.OfDataset(Source, DatasetId), Is.EqualTo(source));
        });
    }

    [Test]
    public void Copy_ATagNamingOtherVersionsOnTheTwoSides_IsDiverged()
    {
        DatasetHistory.Copy(Source, Target, DatasetId);
        Source.TagVersion(DatasetId, 2, "release");
        Target.TagVersion(DatasetId, 4, "release");

        var error = Assert.Throws<DivergedException>(() => DatasetHistory.Copy(Source, Target, DatasetId))!;

        Assert.That(error.Message, Does.Contain("tag 'release'"));
        Assert.That(Target.ResolveVersion(DatasetId, "release"), Is.EqualTo(4));
    }

    [Test]
    public void Copy_AnotherDatasetHasTheName_IsNameTakenAndWritesNothing()
    {
        Target.CreateDataset(new DatasetDefinition("MODEL"));

        Assert.That(TestStores.CodeOf(() => DatasetHistory.Copy(Source, Target, DatasetId)), Is.EqualTo(ErrorCode.DatasetNameTaken));
        Assert.That(Target.GetDataset(DatasetId), Is.Null);
    }
}
