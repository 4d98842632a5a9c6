namespace LiteDatasets.Tests.Contract;

/// <summary>Upsert and sync by external id.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void UpsertItems_NewExternalIds_AddsThemAsOneVersion()
    {
        var ds = NewDataset();

        var commit = Store.UpsertItems(ds.Id, [Draft("a", externalId: "k1"), Draft("b", externalId: "k2")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((1L, true, 2, 0, 0)));
            Assert.That(commit.Items.Select(i => i.ExternalId), Is.EqualTo(new[] { "k1", "k2" }));
            Assert.That(commit.Items.Select(Describe), Is.EqualTo(Store.ReadItems(ds.Id).Select(Describe)));
        });
    }

    [Test]
    public void UpsertItems_SameContentAgain_CreatesNoVersionAndReturnsTheLiveItems()
    {
        var ds = NewDataset();
        var first = Store.UpsertItems(ds.Id, [JsonDraft("""{"q":1}""", "\"a\"", """{"m":1}""", "k1"), Draft("b", externalId: "k2")]);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var again = Store.UpsertItems(ds.Id, [Draft("b", externalId: "k2"), JsonDraft("""{"q":1}""", "\"a\"", """{"m":1}""", "k1")]);

        Assert.Multiple(() =>
        {
            Assert.That((again.Version, again.Created, again.Added, again.Updated, again.Deleted), Is.EqualTo((1L, false, 0, 0, 0)));
            Assert.That(again.Items.Select(Describe), Is.EqualTo(new[] { Describe(first.Items[1]), Describe(first.Items[0]) }));
            Assert.That(Store.ListVersions(ds.Id).Total, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpsertItems_ChangedContent_UpdatesTheMatchedItem()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a", "1", externalId: "k")).Items[0];

        var commit = Store.UpsertItems(ds.Id, [Draft("a", "2", externalId: "k")]);

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Added, commit.Updated), Is.EqualTo((2L, 0, 1)));
            Assert.That(commit.Items.Single().Id, Is.EqualTo(item.Id));
            Assert.That(Text(read.ExpectedOutput), Is.EqualTo("\"2\""));
            Assert.That(read.Version, Is.EqualTo(2));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpsertItems_MixedDrafts_ReportsEveryDraftInInputOrder()
    {
        var ds = NewDataset();
        var seeded = Store.AddItems(ds.Id, [Draft("same", externalId: "s"), Draft("old", externalId: "c"), Draft("untouched", externalId: "u")]).Items;

        var commit = Store.UpsertItems(ds.Id, [Draft("new", externalId: "n"), Draft("same", externalId: "s"), Draft("changed", externalId: "c")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((2L, true, 1, 1, 0)));
            Assert.That(Inputs(commit.Items), Is.EqualTo(new[] { "\"new\"", "\"same\"", "\"changed\"" }));
            Assert.That(commit.Items.Select(i => i.Version), Is.EqualTo(new[] { 2L, 1L, 2L }));
            Assert.That(commit.Items[1].Id, Is.EqualTo(seeded[0].Id));
            Assert.That(commit.Items[2].Id, Is.EqualTo(seeded[1].Id));
            Assert.That(Inputs(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { "\"same\"", "\"changed\"", "\"untouched\"", "\"new\"" }));
            Assert.That((Store.GetVersion(ds.Id, 2).Added, Store.GetVersion(ds.Id, 2).Updated, Store.GetVersion(ds.Id, 2).ItemCount), Is.EqualTo((1, 1, 4L)));
        });
    }

    [Test]
    public void UpsertItems_DraftWithoutMetadataOrExpectedOutput_RemovesThem()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("\"q\"", "\"a\"", """{"m":1}""", "k")).Items[0];

        var commit = Store.UpsertItems(ds.Id, [Draft("q", externalId: "k")]);

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(commit.Updated, Is.EqualTo(1));
            Assert.That(read.ExpectedOutput, Is.Null);
            Assert.That(read.Metadata, Is.Null);
        });
    }

    [Test]
    public void UpsertItems_KeysReordered_IsUnchanged()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, JsonDraft("""{"a":1,"b":2}""", """{"x":[1,{"p":1,"q":2}]}""", externalId: "k"));

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("""{"b":2,"a":1}""", """{"x":[1,{"q":2,"p":1}]}""", externalId: "k")]);

        Assert.Multiple(() =>
        {
            Assert.That(commit.Created, Is.False);
            Assert.That(Text(commit.Items.Single().Input), Is.EqualTo("""{"a":1,"b":2}"""));
        });
    }

    [Test]
    public void UpsertItems_IntegerBecomesDecimalText_IsUpdated()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, JsonDraft("""{"n":1}""", externalId: "k"));

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("""{"n":1.0}""", externalId: "k")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Created, commit.Updated), Is.EqualTo((true, 1)));
            Assert.That(Text(Store.ReadItems(ds.Id).Single().Input), Is.EqualTo("""{"n":1.0}"""));
        });
    }

    [Test]
    public void UpsertItems_JsonNullExpectedOutput_MatchesAnItemWithoutOne()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("q", externalId: "k"));

        var commit = Store.UpsertItems(ds.Id, [new ItemDraft(Node("\"q\"")) { ExternalId = "k", ExpectedOutput = JsonNull() }]);

        Assert.That((commit.Created, commit.Items.Single().ExpectedOutput), Is.EqualTo((false, (System.Text.Json.Nodes.JsonNode?)null)));
    }

    [Test]
    public void UpsertItems_DraftWithOnlyALiveId_UpdatesThatItem()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("\"a\"", id: "item-1", externalId: "k")).Items[0];

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("\"b\"", id: "item-1")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Added, commit.Updated), Is.EqualTo((0, 1)));
            Assert.That(Ids(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { item.Id }));
            Assert.That(Text(Store.GetItem(ds.Id, "item-1")!.Input), Is.EqualTo("\"b\""));
        });
    }

    [Test]
    public void UpsertItems_DraftWithOnlyAnUnusedId_AddsItWithThatId()
    {
        var ds = NewDataset();

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("\"a\"", id: "chosen")]);

        Assert.That((commit.Added, commit.Items.Single().Id), Is.EqualTo((1, "chosen")));
    }

    [Test]
    public void UpsertItems_DraftsWithoutKeys_AreAddedEveryTime()
    {
        var ds = NewDataset();
        Store.UpsertItems(ds.Id, [Draft("a")]);

        var commit = Store.UpsertItems(ds.Id, [Draft("a")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Added), Is.EqualTo((2L, 1)));
            Assert.That(Inputs(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { "\"a\"", "\"a\"" }));
        });
    }

    [Test]
    public void UpsertItems_ExternalIdOfDeletedItem_AddsANewItem()
    {
        var ds = NewDataset();
        var old = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];
        Store.DeleteItem(ds.Id, old.Id);

        var commit = Store.UpsertItems(ds.Id, [Draft("a", externalId: "k")]);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Added, commit.Updated), Is.EqualTo((1, 0)));
            Assert.That(commit.Items.Single().Id, Is.Not.EqualTo(old.Id));
            Assert.That(Store.GetItem(ds.Id, old.Id), Is.Null);
        });
    }

    [Test]
    public void UpsertItems_DraftIdWhenExternalIdMatches_IsIgnored()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("a", externalId: "k")).Items[0];

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("\"b\"", externalId: "k", id: "another-id")]);

        Assert.Multiple(() =>
        {
            Assert.That(commit.Items.Single().Id, Is.EqualTo(item.Id));
            Assert.That(Store.GetItem(ds.Id, "another-id"), Is.Null);
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpsertItems_SyncMode_DeletesEveryUnmatchedLiveItem()
    {
        var ds = NewDataset();
        var seeded = Store.AddItems(ds.Id, [Draft("keep", externalId: "k"), Draft("gone", externalId: "g"), Draft("no-key")]).Items;

        var commit = Store.UpsertItems(ds.Id, [Draft("keep", externalId: "k"), Draft("fresh", externalId: "f")], UpsertMode.Sync, new WriteOptions { Message = "sync" });

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Created, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((2L, true, 1, 0, 2)));
            Assert.That(commit.DeletedIds, Is.EquivalentTo(new[] { seeded[1].Id, seeded[2].Id }));
            Assert.That(Inputs(commit.Items), Is.EqualTo(new[] { "\"keep\"", "\"fresh\"" }));
            Assert.That(Inputs(Store.ReadItems(ds.Id)), Is.EqualTo(new[] { "\"keep\"", "\"fresh\"" }));
            Assert.That((Store.GetVersion(ds.Id, 2).Deleted, Store.GetVersion(ds.Id, 2).ItemCount, Store.GetVersion(ds.Id, 2).Message), Is.EqualTo((2, 2L, "sync")));
        });
    }

    [Test]
    public void UpsertItems_SyncWithEmptyInput_DeletesEverything()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 3);

        var commit = Store.UpsertItems(ds.Id, [], UpsertMode.Sync);

        Assert.Multiple(() =>
        {
            Assert.That((commit.Version, commit.Deleted), Is.EqualTo((2L, 3)));
            Assert.That(Store.ReadItems(ds.Id), Is.Empty);
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.Zero);
        });
    }

    [Test]
    public void UpsertItems_SyncMatchingTheDataset_CreatesNoVersion()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [Draft("a", externalId: "1"), Draft("b", externalId: "2")]);

        var commit = Store.UpsertItems(ds.Id, [Draft("b", externalId: "2"), Draft("a", externalId: "1")], UpsertMode.Sync);

        Assert.That((commit.Version, commit.Created, commit.Deleted, Store.GetDataset(ds.Id)!.Version), Is.EqualTo((1L, false, 0, 1L)));
    }

    [Test]
    public void UpsertItems_EmptyInputInUpsertMode_CreatesNoVersion()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 2);

        var commit = Store.UpsertItems(ds.Id, []);

        Assert.That((commit.Created, Store.GetDataset(ds.Id)!.ItemCount), Is.EqualTo((false, 2L)));
    }

    [Test]
    public void UpsertItems_OneNewIdGivenToTwoDrafts_ThrowsItemIdTakenAndWritesNothing()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.UpsertItems(ds.Id, [JsonDraft("1", externalId: "a", id: "x"), JsonDraft("2", externalId: "b", id: "x")]));
        AssertRefused(ds.Id, ErrorCode.ItemIdTaken, () => Store.UpsertItems(ds.Id, [JsonDraft("1", id: "y"), JsonDraft("2", externalId: "c", id: "y")]));
    }
}
