using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>
/// Small, fixed scenarios distilled from the model run: snapshot reads of older versions whose scans cross
/// chunk boundaries, and ids repeated inside one call.
/// </summary>
[TestFixtureSource(typeof(StoreFactory), nameof(StoreFactory.WithoutSyncs))]
public sealed class SnapshotEdgeCaseTests(StoreFactory factory)
{
    private IDatasetStore Store { get; set; } = null!;

    [SetUp]
    public void OpenFreshStore() => Store = factory.Open(TimeProvider.System);

    [TearDown]
    public void CloseStore()
    {
        Store.Dispose();
        factory.Cleanup();
    }

    /// <remarks>
    /// At an older version, a scan chunk that ends between two revisions of the version's last-added item
    /// must not stop the scan (it once did: the item was missing from the page and the cursor was null).
    /// </remarks>
    [Test]
    public void ListItems_OldVersionWhoseLastItemHasEarlierRevisions_PagesReachEveryItem()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("pages"));
        var a = Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create("a"))).Items[0];
        var b = Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create("b1"))).Items[0];
        Store.UpdateItem(ds.Id, b.Id, new ItemPatch { Input = JsonValue.Create("b2") });
        Store.UpdateItem(ds.Id, b.Id, new ItemPatch { Input = JsonValue.Create("b3") });
        Store.UpdateItem(ds.Id, a.Id, new ItemPatch { Input = JsonValue.Create("a2") });

        var first = Store.ListItems(ds.Id, new ItemQuery { Version = 4, PageSize = 1 });
        var second = first.NextCursor is null ? null : Store.ListItems(ds.Id, new ItemQuery { After = first.NextCursor, PageSize = 1 });
        var byOffset = Store.ListItems(ds.Id, new ItemQuery { Version = 4, PageSize = 1, Offset = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(first.Items.Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"a\"" }), "first page");
            Assert.That(first.Total, Is.EqualTo(2), "total at version 4");
            Assert.That(first.NextCursor, Is.Not.Null, "the first of two items is not the last page");
            Assert.That(second?.Items.Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"b3\"" }), "second page by cursor");
            Assert.That(byOffset.Items.Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"b3\"" }), "second page by offset");
        });
    }

    /// <remarks>
    /// Streaming an older version reads revisions in chunks; a chunk that ends between two revisions of the
    /// version's last-added item must not end the stream (it once did, and that item was missing).
    /// </remarks>
    [Test]
    public void ReadItems_OldVersionWhereAChunkEndsInsideTheLastItemsRevisions_StreamsEveryItem()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("chunks"));
        var added = Store.AddItems(ds.Id, Enumerable.Range(0, 500).Select(i => new ItemDraft(JsonValue.Create(i))));
        var last = added.Items[^1];
        Store.UpdateItem(ds.Id, last.Id, new ItemPatch { Input = JsonValue.Create("changed") });
        Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create("later")));

        var expected = Enumerable.Range(0, 499).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("\"changed\"").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(Store.ReadItems(ds.Id, 2).Select(i => i.Input.ToJsonString()).ToList(), Is.EqualTo(expected), "ReadItems at version 2");
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Version = 2, Offset = 499, PageSize = 1 }).Items.Select(i => i.Id), Is.EqualTo(new[] { last.Id }), "ListItems at version 2, last page");
            Assert.That(Store.GetItem(ds.Id, last.Id, 2)?.Input.ToJsonString(), Is.EqualTo("\"changed\""), "GetItem at version 2");
        });
    }

    [Test]
    public void AddItems_OneIdTwiceInOneCall_FailsWithItemIdTakenAndWritesNothing()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("ids"));
        ItemDraft[] drafts = [new(JsonValue.Create(1)) { Id = "n1" }, new(JsonValue.Create(2)) { Id = "n1", ExternalId = "x2" }];

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.AddItems(ds.Id, drafts), Fails.With(ErrorCode.ItemIdTaken));
            Assert.That((Store.GetDataset(ds.Id)!.Version, Store.ReadItems(ds.Id).Count()), Is.EqualTo((0L, 0)), "nothing was written");
        });
    }

    /// <remarks>
    /// Two new drafts with one id (at least one of them with an external id) must be refused as a repeated
    /// id before anything reaches the storage engine.
    /// </remarks>
    [TestCase("x1", null)]
    [TestCase(null, "x2")]
    [TestCase("x1", "x2")]
    public void UpsertItems_OneNewIdTwiceInOneCall_FailsWithItemIdTakenAndWritesNothing(string? firstExternalId, string? secondExternalId)
    {
        var ds = Store.CreateDataset(new DatasetDefinition("ids"));
        ItemDraft[] drafts =
        [
            new(JsonValue.Create(1)) { Id = "n1", ExternalId = firstExternalId },
            new(JsonValue.Create(2)) { Id = "n1", ExternalId = secondExternalId },
        ];

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.UpsertItems(ds.Id, drafts), Fails.With(ErrorCode.ItemIdTaken));
            Assert.That((Store.GetDataset(ds.Id)!.Version, Store.ReadItems(ds.Id).Count()), Is.EqualTo((0L, 0)), "nothing was written");
        });
    }
}
