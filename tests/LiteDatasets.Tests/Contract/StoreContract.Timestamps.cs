namespace LiteDatasets.Tests.Contract;

/// <summary>Timestamps: from the injected clock, UTC, millisecond precision, and equal between write and read.</summary>
public sealed partial class StoreContract
{
    private static readonly DateTimeOffset SubMillisecond = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1_234_567);

    private static void AssertMillisecondUtc(DateTimeOffset value, DateTimeOffset clock)
    {
        Assert.That(value.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(value.UtcTicks % TimeSpan.TicksPerMillisecond, Is.Zero, "a timestamp has millisecond precision");
        Assert.That((clock - value).Duration(), Is.LessThan(TimeSpan.FromMilliseconds(1)), "a timestamp comes from the injected clock");
    }

    [Test]
    public void CreateDataset_ClockWithSubMillisecondTicks_ReturnsMillisecondUtcThatReadsBackEqual()
    {
        Clock.Set(SubMillisecond);

        var created = NewDataset();

        var read = Store.GetDataset(created.Id)!;
        Assert.Multiple(() =>
        {
            AssertMillisecondUtc(created.CreatedAt, SubMillisecond);
            Assert.That(created.UpdatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That((read.CreatedAt, read.UpdatedAt), Is.EqualTo((created.CreatedAt, created.UpdatedAt)));
            Assert.That(Store.GetVersion(created.Id, 0).CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(Store.ListDatasets().Items[0].CreatedAt, Is.EqualTo(created.CreatedAt));
        });
    }

    [Test]
    public void AddItems_ClockWithSubMillisecondTicks_EveryReadReturnsTheCommittedTimestamps()
    {
        var ds = NewDataset();
        Clock.Set(SubMillisecond);

        var commit = Store.AddItems(ds.Id, [Draft("a"), Draft("b")]);

        var item = commit.Items[1];
        var reads = new[]
        {
            Store.GetItem(ds.Id, item.Id)!,
            Store.GetItem(ds.Id, item.Id, 1)!,
            Store.ListItems(ds.Id).Items[1],
            Store.ReadItems(ds.Id).ElementAt(1),
            Store.GetItemHistory(ds.Id, item.Id)[0].Item,
        };
        Assert.Multiple(() =>
        {
            AssertMillisecondUtc(item.CreatedAt, SubMillisecond);
            Assert.That(item.UpdatedAt, Is.EqualTo(item.CreatedAt));
            Assert.That(reads.Select(r => (r.CreatedAt, r.UpdatedAt)), Is.All.EqualTo((item.CreatedAt, item.UpdatedAt)));
            Assert.That(Store.GetVersion(ds.Id, 1).CreatedAt, Is.EqualTo(item.CreatedAt));
            Assert.That(Store.ListVersions(ds.Id).Items[0].CreatedAt, Is.EqualTo(item.CreatedAt));
            Assert.That(Store.GetDataset(ds.Id)!.UpdatedAt, Is.EqualTo(item.CreatedAt));
        });
    }

    [Test]
    public void UpdateItem_Later_KeepsCreatedAtAndMovesUpdatedAt()
    {
        var ds = NewDataset();
        var added = Store.AddItem(ds.Id, Draft("a")).Items[0];
        Clock.Advance(TimeSpan.FromMinutes(5).Add(TimeSpan.FromTicks(4321)));
        var updateTime = Clock.GetUtcNow();

        var updated = Store.UpdateItem(ds.Id, added.Id, new ItemPatch { Input = Node("\"b\"") }).Items[0];

        var read = Store.GetItem(ds.Id, added.Id)!;
        var old = Store.GetItem(ds.Id, added.Id, 1)!;
        Assert.Multiple(() =>
        {
            Assert.That(updated.CreatedAt, Is.EqualTo(added.CreatedAt));
            AssertMillisecondUtc(updated.UpdatedAt, updateTime);
            Assert.That((read.CreatedAt, read.UpdatedAt), Is.EqualTo((updated.CreatedAt, updated.UpdatedAt)));
            Assert.That((old.CreatedAt, old.UpdatedAt), Is.EqualTo((added.CreatedAt, added.UpdatedAt)));
            Assert.That(Store.GetVersion(ds.Id, 2).CreatedAt, Is.EqualTo(updated.UpdatedAt));
        });
    }

    [Test]
    public void UpsertItems_UnchangedItem_KeepsItsTimestampsAndVersion()
    {
        var ds = NewDataset();
        var first = Store.UpsertItems(ds.Id, [Draft("a", externalId: "a"), Draft("b", externalId: "b")]).Items;
        Clock.Advance(TimeSpan.FromHours(1));

        var second = Store.UpsertItems(ds.Id, [Draft("a", externalId: "a"), Draft("b2", externalId: "b")]).Items;

        Assert.Multiple(() =>
        {
            Assert.That((second[0].Version, second[0].CreatedAt, second[0].UpdatedAt), Is.EqualTo((first[0].Version, first[0].CreatedAt, first[0].UpdatedAt)));
            Assert.That(second[1].CreatedAt, Is.EqualTo(first[1].CreatedAt));
            Assert.That(second[1].UpdatedAt, Is.EqualTo(first[1].UpdatedAt.AddHours(1)));
            Assert.That(Describe(Store.GetItem(ds.Id, first[0].Id)!), Is.EqualTo(Describe(second[0])));
        });
    }

    [Test]
    public void Dataset_ItemWritesAndEdits_MoveUpdatedAtButNeverCreatedAt()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var item = Store.AddItem(ds.Id, Draft("a")).Items[0];
        var afterAdd = Store.GetDataset(ds.Id)!;
        Clock.Advance(TimeSpan.FromMinutes(1));
        Store.DeleteItem(ds.Id, item.Id);
        var afterDelete = Store.GetDataset(ds.Id)!;
        Clock.Advance(TimeSpan.FromMinutes(1));
        var afterEdit = Store.UpdateDataset(ds.Id, new DatasetUpdate { Description = "edited" });

        Assert.Multiple(() =>
        {
            Assert.That(new[] { afterAdd.CreatedAt, afterDelete.CreatedAt, afterEdit.CreatedAt }, Is.All.EqualTo(ds.CreatedAt));
            Assert.That(afterAdd.UpdatedAt, Is.EqualTo(ds.CreatedAt.AddMinutes(1)));
            Assert.That(afterDelete.UpdatedAt, Is.EqualTo(ds.CreatedAt.AddMinutes(2)));
            Assert.That(afterEdit.UpdatedAt, Is.EqualTo(ds.CreatedAt.AddMinutes(3)));
            Assert.That(Store.GetDataset(ds.Id)!.UpdatedAt, Is.EqualTo(afterEdit.UpdatedAt));
        });
    }

    [Test]
    public void UpdateDataset_SchemaChange_VersionTimeEqualsTheDatasetsUpdatedAt()
    {
        var ds = NewDataset();
        Clock.Set(SubMillisecond);

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("{}") });

        Assert.Multiple(() =>
        {
            AssertMillisecondUtc(updated.UpdatedAt, SubMillisecond);
            Assert.That(Store.GetVersion(ds.Id, 1).CreatedAt, Is.EqualTo(updated.UpdatedAt));
            Assert.That(Store.GetDataset(ds.Id)!.UpdatedAt, Is.EqualTo(updated.UpdatedAt));
        });
    }

    [Test]
    public void Items_ClockWentBackwards_ItemTimesFollowTheClampedVersionTime()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromMinutes(10));
        var first = Store.AddItem(ds.Id, Draft("a")).Items[0];
        Clock.Advance(TimeSpan.FromMinutes(-8));

        var second = Store.AddItem(ds.Id, Draft("b")).Items[0];

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetVersion(ds.Id, 2).CreatedAt, Is.EqualTo(first.CreatedAt));
            Assert.That(second.CreatedAt, Is.EqualTo(Store.GetVersion(ds.Id, 2).CreatedAt));
            Assert.That(Store.GetDataset(ds.Id)!.UpdatedAt, Is.GreaterThanOrEqualTo(first.CreatedAt));
        });
    }
}
