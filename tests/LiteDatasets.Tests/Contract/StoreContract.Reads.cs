using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Snapshot reads: single items, pages by cursor and by offset, totals, filters and streams.</summary>
public sealed partial class StoreContract
{
    private List<ItemPage> AllPages(string datasetId, ItemQuery query)
    {
        var pages = new List<ItemPage>();
        var next = query;
        while (pages.Count < 100)
        {
            var page = Store.ListItems(datasetId, next);
            pages.Add(page);
            if (page.NextCursor is null)
            {
                break;
            }

            next = query with { After = page.NextCursor, Offset = null };
        }

        return pages;
    }

    [Test]
    public void ListItems_PagedByCursor_VisitsEveryItemOnceInOrder()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 4);
        AddNumbered(ds.Id, 3, from: 4);

        var pages = AllPages(ds.Id, new ItemQuery { PageSize = 3 });

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 3, 3, 1 }));
            Assert.That(pages.SelectMany(p => Inputs(p.Items)), Is.EqualTo(Inputs(Store.ReadItems(ds.Id))));
            Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(7));
            Assert.That(pages.Select(p => p.Version), Is.All.EqualTo(2));
            Assert.That(pages[^1].NextCursor, Is.Null);
        });
    }

    [Test]
    public void ListItems_LastPageExactlyFull_HasNoNextCursor()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 6);

        var first = Store.ListItems(ds.Id, new ItemQuery { PageSize = 3 });
        var second = Store.ListItems(ds.Id, new ItemQuery { PageSize = 3, After = first.NextCursor });

        Assert.Multiple(() =>
        {
            Assert.That(first.NextCursor, Is.Not.Null);
            Assert.That(Inputs(second.Items), Is.EqualTo(new[] { "\"item-3\"", "\"item-4\"", "\"item-5\"" }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [Test]
    public void ListItems_DefaultQuery_ReturnsFirstFiftyCurrentItems()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 60);

        var page = Store.ListItems(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Has.Count.EqualTo(50));
            Assert.That((page.Total, page.Version), Is.EqualTo((60L, 1L)));
            Assert.That(page.NextCursor, Is.Not.Null);
        });
    }

    [Test]
    public void ListItems_ByOffset_SkipsAndReturnsANextCursor()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 10);

        var page = Store.ListItems(ds.Id, new ItemQuery { Offset = 4, PageSize = 3 });
        var next = Store.ListItems(ds.Id, new ItemQuery { After = page.NextCursor, PageSize = 3 });
        var tail = Store.ListItems(ds.Id, new ItemQuery { Offset = 8, PageSize = 3 });
        var beyond = Store.ListItems(ds.Id, new ItemQuery { Offset = 25 });

        Assert.Multiple(() =>
        {
            Assert.That(Inputs(page.Items), Is.EqualTo(new[] { "\"item-4\"", "\"item-5\"", "\"item-6\"" }));
            Assert.That(page.Total, Is.EqualTo(10));
            Assert.That(Inputs(next.Items), Is.EqualTo(new[] { "\"item-7\"", "\"item-8\"", "\"item-9\"" }));
            Assert.That(Inputs(tail.Items), Is.EqualTo(new[] { "\"item-8\"", "\"item-9\"" }));
            Assert.That(tail.NextCursor, Is.Null);
            Assert.That((beyond.Items.Count, beyond.Total, beyond.NextCursor), Is.EqualTo((0, 10L, (string?)null)));
        });
    }

    [Test]
    public void ListItems_AtOldVersion_ShowsThatVersionsItemsAndContent()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 5).Items;                                            // v1
        Store.UpdateItem(ds.Id, items[1].Id, new ItemPatch { Input = Node("\"changed\"") }); // v2
        Store.DeleteItems(ds.Id, [items[0].Id, items[3].Id]);                              // v3
        AddNumbered(ds.Id, 2, from: 5);                                                   // v4

        var atTwo = AllPages(ds.Id, new ItemQuery { Version = 2, PageSize = 2 });
        var atThree = AllPages(ds.Id, new ItemQuery { Version = 3, PageSize = 2 });
        var atZero = Store.ListItems(ds.Id, new ItemQuery { Version = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(atTwo.SelectMany(p => Inputs(p.Items)), Is.EqualTo(new[] { "\"item-0\"", "\"changed\"", "\"item-2\"", "\"item-3\"", "\"item-4\"" }));
            Assert.That(atTwo.Select(p => (p.Total, p.Version)), Is.All.EqualTo((5L, 2L)));
            Assert.That(atThree.SelectMany(p => Inputs(p.Items)), Is.EqualTo(new[] { "\"changed\"", "\"item-2\"", "\"item-4\"" }));
            Assert.That(atThree.Select(p => p.Total), Is.All.EqualTo(3));
            Assert.That((atZero.Items.Count, atZero.Total, atZero.Version, atZero.NextCursor), Is.EqualTo((0, 0L, 0L, (string?)null)));
            Assert.That(Inputs(Store.ReadItems(ds.Id, 2)), Is.EqualTo(atTwo.SelectMany(p => Inputs(p.Items))));
            Assert.That(Store.ReadItems(ds.Id, 0), Is.Empty);
        });
    }

    [Test]
    public void ListItems_CursorWithoutVersion_ContinuesAtItsOwnVersion()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 4).Items;
        var first = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2 });
        Store.DeleteItem(ds.Id, items[3].Id);
        AddNumbered(ds.Id, 2, from: 4);

        var second = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2, After = first.NextCursor });
        var sameVersion = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2, After = first.NextCursor, Version = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(Inputs(second.Items), Is.EqualTo(new[] { "\"item-2\"", "\"item-3\"" }));
            Assert.That((second.Version, second.Total, second.NextCursor), Is.EqualTo((1L, 4L, (string?)null)));
            Assert.That(Inputs(sameVersion.Items), Is.EqualTo(Inputs(second.Items)));
        });
    }

    [Test]
    public void GetItem_AtEachVersion_ReturnsTheContentThen()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("other"));                                           // v1
        var item = Store.AddItem(ds.Id, Draft("a", "1")).Items[0];                      // v2
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = Node("\"2\"") }); // v3
        Store.DeleteItem(ds.Id, item.Id);                                               // v4

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetItem(ds.Id, item.Id, 0), Is.Null);
            Assert.That(Store.GetItem(ds.Id, item.Id, 1), Is.Null);
            Assert.That(Text(Store.GetItem(ds.Id, item.Id, 2)?.ExpectedOutput), Is.EqualTo("\"1\""));
            Assert.That(Store.GetItem(ds.Id, item.Id, 2)?.Version, Is.EqualTo(2));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id, 3)?.ExpectedOutput), Is.EqualTo("\"2\""));
            Assert.That(Store.GetItem(ds.Id, item.Id, 3)?.Version, Is.EqualTo(3));
            Assert.That(Store.GetItem(ds.Id, item.Id, 4), Is.Null);
            Assert.That(Store.GetItem(ds.Id, item.Id), Is.Null);
            Assert.That(Store.GetItem(ds.Id, "never-existed"), Is.Null);
        });
    }

    [Test]
    public void ListItems_Search_MatchesStringValuesOfInputAndExpectedOutputIgnoringCase()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id,
        [
            JsonDraft("""{"q":"What is the CAPITAL of France?"}""", externalId: "in-input"),
            JsonDraft("\"geo\"", "\"Paris is the capital\"", externalId: "in-expected"),
            JsonDraft("""{"capital":"no"}""", externalId: "only-key"),
            JsonDraft("\"x\"", metadata: """{"topic":"capital"}""", externalId: "only-metadata"),
            JsonDraft("""["deep",{"a":["Capitals"]}]""", externalId: "nested"),
            JsonDraft("\"unrelated\"", externalId: "none"),
        ]);

        var page = Store.ListItems(ds.Id, new ItemQuery { Search = "cApItAl" });

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(i => i.ExternalId), Is.EqualTo(new[] { "in-input", "in-expected", "nested" }));
            Assert.That(page.Total, Is.EqualTo(3));
        });
    }

    [Test]
    public void ListItems_SearchForNumberOrPunctuation_MatchesOnlyStringValues()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id,
        [
            JsonDraft("""{"n":42}""", externalId: "number"),
            JsonDraft("""{"s":"room 42"}""", externalId: "string"),
            JsonDraft("""{"s":"say \"hi\" \\ bye"}""", externalId: "quoted"),
            JsonDraft("""{"s":"Ärger"}""", externalId: "umlaut"),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Search = "42" }).Items.Select(i => i.ExternalId), Is.EqualTo(new[] { "string" }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Search = "\"hi\" \\" }).Items.Select(i => i.ExternalId), Is.EqualTo(new[] { "quoted" }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Search = "ärg" }).Items.Select(i => i.ExternalId), Is.EqualTo(new[] { "umlaut" }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Search = "\"s\"" }).Items, Is.Empty);
        });
    }

    [Test]
    public void ListItems_MetadataFilter_ComparesCanonicalValues()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id,
        [
            JsonDraft("\"a\"", metadata: """{"split":"test","n":1,"o":{"x":1,"y":[1,2]}}""", externalId: "a"),
            JsonDraft("\"b\"", metadata: """{"split":"TEST","n":1.0,"o":{"y":[1,2],"x":1}}""", externalId: "b"),
            JsonDraft("\"c\"", metadata: """{"split":"test","n":2,"z":null}""", externalId: "c"),
            JsonDraft("\"d\"", externalId: "d"),
            JsonDraft("\"e\"", metadata: """{"nested":{"split":"test"}}""", externalId: "e"),
        ]);

        string?[] Matching(Dictionary<string, JsonNode?> filter) =>
            [.. Store.ListItems(ds.Id, new ItemQuery { Metadata = filter }).Items.Select(i => i.ExternalId)];

        Assert.Multiple(() =>
        {
            Assert.That(Matching(new() { ["split"] = JsonValue.Create("test") }), Is.EqualTo(new[] { "a", "c" }));
            Assert.That(Matching(new() { ["split"] = JsonValue.Create("TEST") }), Is.EqualTo(new[] { "b" }));
            Assert.That(Matching(new() { ["n"] = Node("1") }), Is.EqualTo(new[] { "a" }));
            Assert.That(Matching(new() { ["n"] = Node("1.0") }), Is.EqualTo(new[] { "b" }));
            Assert.That(Matching(new() { ["split"] = JsonValue.Create("test"), ["n"] = Node("2") }), Is.EqualTo(new[] { "c" }));
            Assert.That(Matching(new() { ["o"] = Node("""{"y":[1,2],"x":1}""") }), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(Matching(new() { ["z"] = JsonNull() }), Is.EqualTo(new[] { "c" }));
            Assert.That(Matching(new() { ["z"] = null }), Is.EqualTo(new[] { "c" }));
            Assert.That(Matching(new() { ["missing"] = JsonValue.Create("x") }), Is.Empty);
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("test") } }).Total, Is.EqualTo(2));
        });
    }

    [Test]
    public void ListItems_ExternalIdFilter_FindsTheItemAtTheRequestedVersion()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [Draft("a", externalId: "k1"), Draft("b", externalId: "k2")]).Items;
        Store.DeleteItem(ds.Id, items[0].Id);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "k1" }).Items, Is.Empty);
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "k1" }).Total, Is.Zero);
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "k1", Version = 1 }).Items.Select(i => i.Id), Is.EqualTo(new[] { items[0].Id }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "k2" }).Total, Is.EqualTo(1));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { ExternalId = "K2" }).Items, Is.Empty);
        });
    }

    [Test]
    public void ListItems_FilteredAndPagedByCursor_KeepsTheFilterAndTotal()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, Enumerable.Range(0, 12).Select(i => Draft(i % 2 == 0 ? FormattableString.Invariant($"even-{i}") : FormattableString.Invariant($"odd-{i}"))).ToList());

        var pages = AllPages(ds.Id, new ItemQuery { Search = "EVEN", PageSize = 4 });

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 4, 2 }));
            Assert.That(pages.SelectMany(p => Inputs(p.Items)), Is.EqualTo(new[] { "\"even-0\"", "\"even-2\"", "\"even-4\"", "\"even-6\"", "\"even-8\"", "\"even-10\"" }));
            Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(6));
        });
    }

    [Test]
    public void ListItems_FilteredByOffset_SkipsMatchesOnly()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, Enumerable.Range(0, 10).Select(i => Draft(i % 2 == 0 ? FormattableString.Invariant($"even-{i}") : "odd")).ToList());

        var page = Store.ListItems(ds.Id, new ItemQuery { Search = "even", Offset = 2, PageSize = 2 });

        Assert.Multiple(() =>
        {
            Assert.That(Inputs(page.Items), Is.EqualTo(new[] { "\"even-4\"", "\"even-6\"" }));
            Assert.That(page.Total, Is.EqualTo(5));
            Assert.That(page.NextCursor, Is.Not.Null);
        });
    }

    [Test]
    public void ListItems_CursorWithOtherVersionOrFilters_ThrowsArgumentException()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 5);
        AddNumbered(ds.Id, 5, from: 5);
        var cursor = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2, Version = 1 }).NextCursor;
        var searchCursor = Store.ListItems(ds.Id, new ItemQuery { PageSize = 2, Search = "item" }).NextCursor;

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, Version = 2 }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, Search = "item" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, ExternalId = "k" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, Metadata = new Dictionary<string, JsonNode?> { ["a"] = Node("1") } }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = searchCursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = searchCursor, Search = "other" }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = cursor, Offset = 0 }), Throws.InstanceOf<ArgumentException>());
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { After = searchCursor, Search = "item", PageSize = 2 }).Items, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void ListItems_CursorFromAnotherList_ThrowsArgumentException()
    {
        var ds = NewDataset();
        for (var i = 0; i < 3; i++)
        {
            AddNumbered(ds.Id, 1, from: i);
        }

        var versionCursor = Store.ListVersions(ds.Id, new VersionQuery { PageSize = 1 }).NextCursor;
        var itemCursor = Store.ListItems(ds.Id, new ItemQuery { PageSize = 1 }).NextCursor;

        Assert.Multiple(() =>
        {
            Assert.That(versionCursor, Is.Not.Null);
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { After = versionCursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListVersions(ds.Id, new VersionQuery { After = itemCursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(() => Store.ListDatasets(new DatasetQuery { After = itemCursor }), Throws.InstanceOf<ArgumentException>());
        });
    }

    [Test]
    public void ReadItems_WritesDuringEnumeration_YieldsTheSnapshotFromTheStart()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 1200).Items;
        var seen = new List<string>();
        var wrote = false;

        foreach (var item in Store.ReadItems(ds.Id))
        {
            seen.Add(Text(item.Input));
            if (!wrote)
            {
                wrote = true;
                Store.DeleteItems(ds.Id, [items[700].Id, items[1100].Id]);
                Store.UpdateItem(ds.Id, items[900].Id, new ItemPatch { Input = Node("\"changed\"") });
                AddNumbered(ds.Id, 5, from: 1200);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(Inputs(items)));
            Assert.That(Store.ReadItems(ds.Id).Count(), Is.EqualTo(1203));
            Assert.That(Inputs(Store.ReadItems(ds.Id, 1)), Is.EqualTo(Inputs(items)));
        });
    }

    [Test]
    public void ReadItems_StoppedEarly_LeavesTheStoreUsable()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1100);

        var firstThree = Store.ReadItems(ds.Id).Take(3).ToList();
        Store.AddItem(ds.Id, Draft("after"));

        Assert.Multiple(() =>
        {
            Assert.That(Inputs(firstThree), Is.EqualTo(new[] { "\"item-0\"", "\"item-1\"", "\"item-2\"" }));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(1101));
        });
    }
}
