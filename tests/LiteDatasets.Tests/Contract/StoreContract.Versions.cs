namespace LiteDatasets.Tests.Contract;

/// <summary>Listing and getting versions, messages, optimistic concurrency and resolving a timestamp.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void ListVersions_AfterMixedCommits_ListsCommitsNewestFirstWithCounts()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [Draft("a", externalId: "a"), Draft("b", externalId: "b"), Draft("c", externalId: "c")], new WriteOptions { Message = "seed" }).Items;
        Store.UpsertItems(ds.Id, [Draft("a2", externalId: "a"), Draft("d", externalId: "d"), Draft("e", externalId: "e")]);
        Store.DeleteItems(ds.Id, [items[1].Id, items[2].Id], new WriteOptions { Message = "prune" });

        var page = Store.ListVersions(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(v => v.Number), Is.EqualTo(new[] { 3L, 2L, 1L }));
            Assert.That(page.Items.Select(v => (v.Added, v.Updated, v.Deleted, v.ItemCount)), Is.EqualTo(new[] { (0, 0, 2, 3L), (2, 1, 0, 5L), (3, 0, 0, 3L) }));
            Assert.That(page.Items.Select(v => v.Message), Is.EqualTo(new[] { "prune", null, "seed" }));
            Assert.That(page.Items.Select(v => v.DatasetId), Is.All.EqualTo(ds.Id));
            Assert.That(page.Items.Select(v => v.SchemaChanged), Is.All.False);
            Assert.That((page.Total, page.NextCursor), Is.EqualTo((3L, (string?)null)));
        });
    }

    [Test]
    public void ListVersions_SmallPages_WalkEveryCommitOnce()
    {
        var ds = NewDataset();
        for (var i = 0; i < 5; i++)
        {
            AddNumbered(ds.Id, 1, from: i);
        }

        var numbers = new List<long>();
        var totals = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Store.ListVersions(ds.Id, new VersionQuery { PageSize = 2, After = cursor });
            numbers.AddRange(page.Items.Select(v => v.Number));
            totals.Add(page.Total);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(numbers, Is.EqualTo(new[] { 5L, 4L, 3L, 2L, 1L }));
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(totals, Is.All.EqualTo(5));
        });
    }

    [Test]
    public void GetVersion_EachCommit_EqualsItsListedEntry()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);
        Clock.Advance(TimeSpan.FromMinutes(3));
        AddNumbered(ds.Id, 1, from: 2);

        var listed = Store.ListVersions(ds.Id).Items;

        Assert.Multiple(() =>
        {
            foreach (var version in listed)
            {
                var got = Store.GetVersion(ds.Id, version.Number);
                Assert.That((got.Number, got.CreatedAt, got.Message, got.Added, got.ItemCount, got.Fingerprint), Is.EqualTo((version.Number, version.CreatedAt, version.Message, version.Added, version.ItemCount, version.Fingerprint)));
                Assert.That(got.Tags, Is.EqualTo(version.Tags));
            }

            Assert.That(Store.GetVersion(ds.Id, 2).CreatedAt - Store.GetVersion(ds.Id, 1).CreatedAt, Is.EqualTo(TimeSpan.FromMinutes(3)));
        });
    }

    [Test]
    public void GetVersion_Zero_IsTheEmptyDatasetAtCreation()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromHours(1));
        AddNumbered(ds.Id, 3);

        var zero = Store.GetVersion(ds.Id, 0);

        Assert.Multiple(() =>
        {
            Assert.That((zero.DatasetId, zero.Number, zero.CreatedAt, zero.Message), Is.EqualTo((ds.Id, 0L, ds.CreatedAt, (string?)null)));
            Assert.That((zero.Added, zero.Updated, zero.Deleted, zero.ItemCount, zero.SchemaChanged), Is.EqualTo((0, 0, 0, 0L, false)));
            Assert.That(zero.Tags, Is.Empty);
            Assert.That(Store.ListVersions(ds.Id).Items.Select(v => v.Number), Does.Not.Contain(0L));
        });
    }

    [Test]
    public void WriteOptions_Message_IsStoredOnTheVersionOfEveryWriteKind()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a", externalId: "k"), new WriteOptions { Message = "add" }).Items[0];
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("\"b\"") }, new WriteOptions { Message = "update" });
        Store.UpsertItems(ds.Id, [Draft("c", externalId: "k")], UpsertMode.Upsert, new WriteOptions { Message = "upsert" });
        Store.DeleteItem(ds.Id, item.Id, new WriteOptions { Message = "delete" });
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("""{"type":"string"}""") }, new WriteOptions { Message = "schema" });

        Assert.That(Store.ListVersions(ds.Id).Items.Select(v => v.Message), Is.EqualTo(new[] { "schema", "delete", "upsert", "update", "add" }));
    }

    [Test]
    public void UpdateDataset_SchemaChangeWithoutMessage_GetsAnAutomaticMessage()
    {
        var ds = NewDataset();

        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("""{"type":"string"}""") });

        Assert.That(Store.GetVersion(ds.Id, 1).Message, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void WriteOptions_ExpectedVersionMatches_Writes()
    {
        var ds = NewDataset();
        var first = Store.AddItem(ds.Id, Draft("a"), new WriteOptions { ExpectedVersion = 0 });

        var second = Store.UpdateItem(ds.Id, first.Items[0].Id, new ItemPatch { Input = Node("\"b\"") }, new WriteOptions { ExpectedVersion = 1 });
        var third = Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("{}") }, new WriteOptions { ExpectedVersion = 2 });

        Assert.That((first.Version, second.Version, third.Version), Is.EqualTo((1L, 2L, 3L)));
    }

    [Test]
    public void WriteOptions_ExpectedVersionStale_ThrowsVersionConflictForEveryWrite()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];
        Store.AddItem(ds.Id, Draft("b"));
        var stale = new WriteOptions { ExpectedVersion = 1 };

        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.AddItem(ds.Id, Draft("c"), stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.AddItems(ds.Id, [Draft("c"), Draft("d")], stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("\"z\"") }, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.DeleteItem(ds.Id, item.Id, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.DeleteItems(ds.Id, [item.Id], stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpsertItems(ds.Id, [Draft("z", externalId: "k")], UpsertMode.Upsert, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpsertItems(ds.Id, [], UpsertMode.Sync, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("{}") }, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.AddItem(ds.Id, Draft("c"), new WriteOptions { ExpectedVersion = 3 }));
    }

    [Test]
    public void WriteOptions_ExpectedVersionStaleOnANoOp_StillThrowsVersionConflict()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];
        Store.AddItem(ds.Id, Draft("b"));
        var stale = new WriteOptions { ExpectedVersion = 1 };

        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch(), stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("\"a\"") }, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.AddItems(ds.Id, [], stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.DeleteItems(ds.Id, [], stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpsertItems(ds.Id, [Draft("a", externalId: "k")], UpsertMode.Upsert, stale));
        AssertRefused(ds.Id, ErrorCode.VersionConflict, () => Store.UpdateDataset(ds.Id, new DatasetUpdate(), stale));
    }

    [Test]
    public void ResolveVersion_Timestamp_ReturnsTheLastVersionCommittedAtOrBeforeIt()
    {
        var created = Clock.GetUtcNow();
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var t1 = Clock.GetUtcNow();
        AddNumbered(ds.Id, 1);
        Clock.Advance(TimeSpan.FromMinutes(1));
        var t2 = Clock.GetUtcNow();
        AddNumbered(ds.Id, 1, from: 1);
        Store.AddItem(ds.Id, Draft("same-millisecond"));

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ResolveVersion(ds.Id, created.AddMilliseconds(-1)), FailsWith(ErrorCode.VersionNotFound));
            Assert.That(Store.ResolveVersion(ds.Id, created), Is.Zero);
            Assert.That(Store.ResolveVersion(ds.Id, t1.AddMilliseconds(-1)), Is.Zero);
            Assert.That(Store.ResolveVersion(ds.Id, t1), Is.EqualTo(1));
            Assert.That(Store.ResolveVersion(ds.Id, t1.AddSeconds(30)), Is.EqualTo(1));
            Assert.That(Store.ResolveVersion(ds.Id, t2), Is.EqualTo(3));
            Assert.That(Store.ResolveVersion(ds.Id, t2.AddYears(5)), Is.EqualTo(3));
            Assert.That(Store.ResolveVersion(ds.Id, t1.ToOffset(TimeSpan.FromHours(5))), Is.EqualTo(1));
        });
    }

    [Test]
    public void ResolveVersion_ClockWentBackwards_VersionTimesAreClamped()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromMinutes(10));
        var t1 = Clock.GetUtcNow();
        AddNumbered(ds.Id, 1);
        Clock.Set(t1.AddMinutes(-5));
        AddNumbered(ds.Id, 1, from: 1);
        Clock.Set(t1.AddHours(-1));
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node("{}") });
        Clock.Set(t1.AddMinutes(2));
        AddNumbered(ds.Id, 1, from: 2);

        var times = Store.ListVersions(ds.Id).Items.Select(v => v.CreatedAt).Reverse().ToList();

        Assert.Multiple(() =>
        {
            Assert.That(times, Is.EqualTo(new[] { t1, t1, t1, t1.AddMinutes(2) }));
            Assert.That(Store.ResolveVersion(ds.Id, t1), Is.EqualTo(3));
            Assert.That(Store.ResolveVersion(ds.Id, t1.AddMinutes(-5)), Is.Zero);
            Assert.That(Store.ResolveVersion(ds.Id, t1.AddMinutes(1)), Is.EqualTo(3));
            Assert.That(Store.ResolveVersion(ds.Id, t1.AddMinutes(2)), Is.EqualTo(4));
        });
    }

    [Test]
    public void ResolveVersion_ClockBeforeDatasetCreation_FirstVersionIsNotEarlierThanCreation()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromDays(-1));

        AddNumbered(ds.Id, 1);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetVersion(ds.Id, 1).CreatedAt, Is.EqualTo(ds.CreatedAt));
            Assert.That(Store.ResolveVersion(ds.Id, ds.CreatedAt), Is.EqualTo(1));
        });
    }

    [Test]
    public void ResolveVersion_EachVersionsOwnTimestamp_ResolvesToThatVersion()
    {
        var ds = NewDataset();
        var commits = new List<Commit>();
        for (var i = 0; i < 4; i++)
        {
            Clock.Advance(TimeSpan.FromTicks(12_345_678));
            commits.Add(AddNumbered(ds.Id, 1, from: i));
        }

        Assert.That(commits.Select(c => Store.ResolveVersion(ds.Id, Store.GetVersion(ds.Id, c.Version).CreatedAt)), Is.EqualTo(commits.Select(c => c.Version)));
    }
}
