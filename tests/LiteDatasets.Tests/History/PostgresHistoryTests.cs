namespace LiteDatasets.Tests.History;

/// <summary>The same history moved from a file to PostgreSQL and back: both engines replay it alike.</summary>
public sealed class PostgresHistoryTests : HistoryFixture
{
    [Test]
    public void Copy_FileToPostgresAndBack_KeepsEveryVersionAlike()
    {
        using var factory = new PostgresStoreFactory();
        using var server = factory.Open(Clock);
        using var back = Open("back.litedb");

        var there = DatasetHistory.Copy(Source, server, DatasetId);
        DatasetHistory.Copy(server, back, DatasetId);

        var expected = StoreDump.OfDataset(Source, DatasetId);
        Assert.Multiple(() =>
        {
            Assert.That(there.Created, Is.True);
            Assert.That(StoreDump.OfDataset(server, DatasetId), Is.EqualTo(expected));
            Assert.That(StoreDump.OfDataset(back, DatasetId), Is.EqualTo(expected));
            Assert.That(back.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void Copy_FileToPostgres_PushesOnlyWhatTheServerLacksAndFindsDivergence()
    {
        using var factory = new PostgresStoreFactory();
        using var server = factory.Open(Clock);
        var first = DatasetHistory.Copy(Source, server, DatasetId, new HistoryCopyOptions { Version = 20 });

        var push = DatasetHistory.Copy(Source, server, DatasetId);
        Edit(server, DatasetId, "only on the server");

        Assert.Multiple(() =>
        {
            Assert.That((first.ToVersion, push.FromVersion, push.ToVersion), Is.EqualTo((20L, 20L, Source.GetDataset(DatasetId)!.Version)));
            Assert.That(() => DatasetHistory.Copy(Source, server, DatasetId), Throws.TypeOf<DivergedException>().With.Property(nameof(DivergedException.LastCommonVersion)).EqualTo(push.ToVersion));
        });
    }
}
