namespace LiteDatasets.Tests.Contract;

/// <summary>Adding, updating and deleting items, and what each commit reports.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void AddItems_Batch_ReturnsOneCommitWithItemsInInputOrder()
    {
        var ds = NewDataset();

        var commit = Store.AddItems(ds.Id, [JsonDraft("""{"q":"c"}""", "\"3\""), Draft("a", externalId: "k-a"), JsonDraft("[1,2]", metadata: """{"split":"dev"}""")], new WriteOptions { Message = "seed" });

        Assert.Multiple(() =>
        {
            Assert.That((commit.DatasetId, commit.Version, commit.Created), Is.EqualTo((ds.Id, 1L, true)));
            Assert.That((commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((3, 0, 0)));
            Assert.That(commit.DeletedIds, Is.Empty);
            Assert.That(Inputs(commit.Items), Is.EqualTo(new[] { """{"q":"c"}""", "\"a\"", "[1,2]" }));
            Assert.That(commit.Items.Select(i => (i.DatasetId, i.Version)), Is.All.EqualTo((ds.Id, 1L)));
            Assert.That(commit.Items.Select(i => i.ExternalId), Is.EqualTo(new[] { null, "k-a", null }));
            Assert.That(Text(commit.Items[0].ExpectedOutput), Is.EqualTo("\"3\""));
            Assert.That(Text(commit.Items[2].Metadata), Is.EqualTo("""{"split":"dev"}"""));
            Assert.That(commit.Items.Select(Describe), Is.EqualTo(Store.ReadItems(ds.Id).Select(Describe)));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(3));
            Assert.That(Store.GetVersion(ds.Id, 1).Added, Is.EqualTo(3));
        });
    }

    [Test]
    public void AddItems_WithoutIds_GeneratesDistinctUuidVersion7Ids()
    {
        var ds = NewDataset();

        var ids = Ids(AddNumbered(ds.Id, 20).Items);

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.Unique);
            Assert.That(ids.Select(id => Guid.TryParse(id, out var guid) ? guid.Version : -1), Is.All.EqualTo(7));
        });
    }

    [Test]
    public void AddItems_WithIds_KeepsThem()
    {
        var ds = NewDataset();

        var commit = Store.AddItems(ds.Id, [JsonDraft("1", id: "first"), JsonDraft("2", id: "second")]);

        Assert.Multiple(() =>
        {
            Assert.That(Ids(commit.Items), Is.EqualTo(new[] { "first", "second" }));
            Assert.That(Text(Store.GetItem(ds.Id, "second")?.Input), Is.EqualTo("2"));
        });
    }

    [Test]
    public void AddItems_EmptyBatch_CreatesNoVersion()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a"));

        var commit = Store.AddItems(ds.Id, []);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added), Is.EqualTo((1L, false, 0)));
            Assert.That(commit.Items, Is.Empty);
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
            Assert.That(Store.ListVersions(ds.Id).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public void AddItem_EachCall_CreatesTheNextVersion()
    {
        var ds = NewDataset();

        var versions = Enumerable.Range(0, 4).Select(i => Store.AddItem(ds.Id, Draft("x")).Version).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(versions, Is.EqualTo(new[] { 1L, 2L, 3L, 4L }));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(4));
        });
    }

    [Test]
    public void ReadItems_AfterLaterAddsAndUpdates_KeepsFirstAddedOrder()
    {
        var ds = NewDataset();
        var first = Store.AddItems(ds.Id, [Draft("b"), Draft("a")]).Items;
        Store.AddItems(ds.Id, [Draft("d"), Draft("c")]);

        Store.UpdateItem(ds.Id, first[0].Id, new ItemPatch { Input = Node("\"b2\"") });

        Assert.That(Inputs(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { "\"b2\"", "\"a\"", "\"d\"", "\"c\"" }));
    }

    [Test]
    public void UpdateItem_InputOnly_KeepsExpectedOutputAndMetadata()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("\"q\"", "\"a\"", """{"m":1}""")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("""{"q":2}""") });

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((2L, true, 0, 1, 0)));
            Assert.That(Describe(commit.Items.Single()), Is.EqualTo(Describe(read)));
            Assert.That((Text(read.Input), Text(read.ExpectedOutput), Text(read.Metadata)), Is.EqualTo(("""{"q":2}""", "\"a\"", """{"m":1}""")));
            Assert.That(read.Version, Is.EqualTo(2));
            Assert.That(read.Id, Is.EqualTo(item.Id));
        });
    }

    [Test]
    public void UpdateItem_ExpectedOutputAndMetadata_KeepsInput()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("\"q\"", "\"a\"", """{"m":1}""")).Items[0];

        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = Node("[1]"), Metadata = Obj("""{"n":2}""") });

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.That((Text(read.Input), Text(read.ExpectedOutput), Text(read.Metadata)), Is.EqualTo(("\"q\"", "[1]", """{"n":2}""")));
    }

    [Test]
    public void UpdateItem_ClearFlags_RemoveExpectedOutputAndMetadata()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("\"q\"", "\"a\"", """{"m":1}""")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ClearExpectedOutput = true, ClearMetadata = true });

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(commit.Created, Is.True);
            Assert.That((read.ExpectedOutput, read.Metadata), Is.EqualTo(((System.Text.Json.Nodes.JsonNode?)null, (System.Text.Json.Nodes.JsonObject?)null)));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id, 1)!.ExpectedOutput), Is.EqualTo("\"a\""));
        });
    }

    [Test]
    public void UpdateItem_ClearOnAbsentParts_CreatesNoVersion()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ClearExpectedOutput = true, ClearMetadata = true });

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created), Is.EqualTo((1L, false)));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpdateItem_IdenticalContent_CreatesNoVersion()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("""{"q":"x"}""", "\"a\"", """{"m":1}""")).Items[0];
        var updatedAt = Store.GetDataset(ds.Id)!.UpdatedAt;
        Clock.Advance(TimeSpan.FromMinutes(1));

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("""{"q":"x"}"""), ExpectedOutput = Node("\"a\""), Metadata = Obj("""{"m":1}""") });

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Updated), Is.EqualTo((1L, false, 0)));
            Assert.That(commit.Items.Select(Describe), Is.EqualTo(new[] { Describe(item) }));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
            Assert.That(Store.GetDataset(ds.Id)!.UpdatedAt, Is.EqualTo(updatedAt));
            Assert.That(Store.GetItemHistory(ds.Id, item.Id), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void UpdateItem_EmptyPatch_CreatesNoVersion()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q", "a")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch());

        Assert.That((commit.Version, commit.Created, Store.GetDataset(ds.Id)!.Version), Is.EqualTo((1L, false, 1L)));
    }

    [Test]
    public void UpdateItem_KeysReordered_IsNotAChange()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("""{"a":1,"b":{"x":1,"y":2}}""", metadata: """{"s":"t","u":"v"}""")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("""{"b":{"y":2,"x":1},"a":1}"""), Metadata = Obj("""{"u":"v","s":"t"}""") });

        Assert.Multiple(() =>
        {
            Assert.That(commit.Created, Is.False);
            Assert.That(Text(Store.GetItem(ds.Id, item.Id)!.Input), Is.EqualTo("""{"a":1,"b":{"x":1,"y":2}}"""));
        });
    }

    [TestCase("1", "1.0")]
    [TestCase("{\"n\":1}", "{\"n\":1.0}")]
    [TestCase("1.0", "1.00")]
    [TestCase("[1,2]", "[2,1]")]
    [TestCase("\"a\"", "\"A\"")]
    [TestCase("{\"a\":1}", "{\"A\":1}")]
    public void UpdateItem_TextuallyDifferentValue_IsAChange(string before, string after)
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft(before)).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node(after) });

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Updated), Is.EqualTo((2L, true, 1)));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id)!.Input), Is.EqualTo(after));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id, 1)!.Input), Is.EqualTo(before));
        });
    }

    [Test]
    public void DeleteItems_Several_OneVersionReportingTheDeletedIds()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 4).Items;

        var commit = Store.DeleteItems(ds.Id, [items[2].Id, items[0].Id], new WriteOptions { Message = "prune" });

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((2L, true, 0, 0, 2)));
            Assert.That(commit.DeletedIds, Is.EquivalentTo(new[] { items[0].Id, items[2].Id }));
            Assert.That(commit.Items, Is.Empty);
            Assert.That(Inputs(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { "\"item-1\"", "\"item-3\"" }));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(2));
            Assert.That((Store.GetVersion(ds.Id, 2).Deleted, Store.GetVersion(ds.Id, 2).ItemCount, Store.GetVersion(ds.Id, 2).Message), Is.EqualTo((2, 2L, "prune")));
            Assert.That(Store.ReadItems(ds.Id, 1).ToList(), Has.Count.EqualTo(4));
        });
    }

    [Test]
    public void DeleteItem_One_RemovesItFromTheLiveSet()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 2).Items;

        var commit = Store.DeleteItem(ds.Id, items[1].Id);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Deleted), Is.EqualTo((2L, 1)));
            Assert.That(commit.DeletedIds, Is.EqualTo(new[] { items[1].Id }));
            Assert.That(Store.GetItem(ds.Id, items[1].Id), Is.Null);
            Assert.That(Store.GetItem(ds.Id, items[1].Id, 1), Is.Not.Null);
        });
    }

    [Test]
    public void DeleteItems_EmptyList_CreatesNoVersion()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        var commit = Store.DeleteItems(ds.Id, []);

        Assert.That((commit.Version, commit.Created, commit.Deleted, Store.GetDataset(ds.Id)!.Version), Is.EqualTo((1L, false, 0, 1L)));
    }

    [Test]
    public void AddItems_ExternalIdOfDeletedItem_IsAccepted()
    {
        var ds = NewDataset();
        var old = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];
        Store.DeleteItem(ds.Id, old.Id);

        var added = Store.AddItem(ds.Id, Draft("b", externalId: "k")).Items[0];

        Assert.Multiple(() =>
        {
            Assert.That(added.Id, Is.Not.EqualTo(old.Id));
            Assert.That(added.ExternalId, Is.EqualTo("k"));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "k" }).Items.Select(i => i.Id), Is.EqualTo(new[] { added.Id }));
        });
    }

    [Test]
    public void AddItems_ExternalIdsDifferingOnlyInCase_AreDistinct()
    {
        var ds = NewDataset();

        var commit = Store.AddItems(ds.Id, [Draft("a", externalId: "Key"), Draft("b", externalId: "key")]);

        Assert.Multiple(() =>
        {
            Assert.That(commit.Added, Is.EqualTo(2));
            Assert.That(Inputs(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "key" }).Items), Is.EqualTo(new[] { "\"b\"" }));
        });
    }

    [Test]
    public void AddItems_ExternalIdOfMaximumLength_IsAccepted()
    {
        var ds = NewDataset();
        var key = new string('k', 4095) + "\u00e9";

        Store.AddItem(ds.Id, Draft("a", externalId: key));

        Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = key }).Items.Single().ExternalId, Is.EqualTo(key));
    }

    [Test]
    public void GetItemHistory_UpdatedThenDeleted_ListsEveryStateOldestFirst()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("v1")).Items[0];
        Store.AddItem(ds.Id, Draft("other"));
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = Node("\"v3\"") });
        Store.DeleteItem(ds.Id, item.Id);
        Store.AddItem(ds.Id, Draft("later"));

        var history = Store.GetItemHistory(ds.Id, item.Id);

        Assert.Multiple(() =>
        {
            Assert.That(history.Select(h => (h.ValidFrom, h.ValidTo, h.IsDelete)), Is.EqualTo(new[] { (1L, (long?)3L, false), (3L, (long?)4L, false), (4L, (long?)null, true) }));
            Assert.That(history.Select(h => Text(h.Item.Input)), Is.EqualTo(new[] { "\"v1\"", "\"v3\"", "\"v3\"" }));
            Assert.That(history.Select(h => h.Item.Id), Is.All.EqualTo(item.Id));
        });
    }

    [Test]
    public void AddItems_IdsAndExternalIdsOfAnotherDataset_AreAccepted()
    {
        var a = NewDataset("a");
        var b = NewDataset("b");
        Store.AddItem(a.Id, JsonDraft("1", id: "shared", externalId: "k"));

        var commit = Store.AddItem(b.Id, JsonDraft("2", id: "shared", externalId: "k"));

        Assert.Multiple(() =>
        {
            Assert.That(commit.Items.Single().Id, Is.EqualTo("shared"));
            Assert.That(Text(Store.GetItem(a.Id, "shared")!.Input), Is.EqualTo("1"));
            Assert.That(Text(Store.GetItem(b.Id, "shared")!.Input), Is.EqualTo("2"));
            Assert.That(Store.ListItems(b.Id, new ItemQuery { ExternalId = "k" }).Items.Single().DatasetId, Is.EqualTo(b.Id));
        });
    }
}
