namespace LiteDatasets.Tests.Contract;

/// <summary>Creating, finding, editing, deleting and listing datasets.</summary>
public sealed partial class StoreContract
{
    private const string InputSchemaA = """{"type":"string","minLength":1}""";
    private const string InputSchemaB = """{"minLength":0,"type":"string"}""";
    private const string OutputSchema = """{"type":"string"}""";

    [Test]
    public void CreateDataset_NewDefinition_IsEmptyAtVersionZero()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa-golden") { Description = "questions", Metadata = Obj("""{"owner":"ana","Owner":2,"n":1.0}""") });

        Assert.Multiple(() =>
        {
            Assert.That(ds.Name, Is.EqualTo("qa-golden"));
            Assert.That(ds.Description, Is.EqualTo("questions"));
            Assert.That(Text(ds.Metadata), Is.EqualTo("""{"owner":"ana","Owner":2,"n":1.0}"""));
            Assert.That(ds.Version, Is.Zero);
            Assert.That(ds.ItemCount, Is.Zero);
            Assert.That(ds.CreatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(ds.UpdatedAt, Is.EqualTo(ds.CreatedAt));
            Assert.That(ds.Id, Is.Not.Empty);
            Assert.That(Store.ReadItems(ds.Id), Is.Empty);
            Assert.That(Store.ListVersions(ds.Id).Items, Is.Empty);
            Assert.That(Store.ListVersions(ds.Id).Total, Is.Zero);
        });
    }

    [Test]
    public void CreateDataset_ThenGetDataset_ReturnsWhatCreateReturned()
    {
        var created = Store.CreateDataset(new DatasetDefinition("qa") { Description = "d", Metadata = Obj("""{"b":[1,2],"a":{"y":1,"x":2}}"""), InputSchema = Node(InputSchemaA) });

        var read = Store.GetDataset(created.Id)!;

        Assert.Multiple(() =>
        {
            Assert.That((read.Id, read.Name, read.Description, read.Version, read.ItemCount), Is.EqualTo((created.Id, created.Name, created.Description, created.Version, created.ItemCount)));
            Assert.That(Text(read.Metadata), Is.EqualTo(Text(created.Metadata)));
            Assert.That(Text(read.InputSchema), Is.EqualTo(InputSchemaA));
            Assert.That(read.ExpectedOutputSchema, Is.Null);
            Assert.That(read.CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(read.UpdatedAt, Is.EqualTo(created.UpdatedAt));
        });
    }

    [Test]
    public void CreateDataset_WithoutId_GeneratesDistinctIds()
    {
        var a = NewDataset("a");
        var b = NewDataset("b");

        Assert.That(a.Id, Is.Not.EqualTo(b.Id));
    }

    [Test]
    public void CreateDataset_WithId_KeepsIt()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Id = "my-dataset" });

        Assert.Multiple(() =>
        {
            Assert.That(ds.Id, Is.EqualTo("my-dataset"));
            Assert.That(Store.GetDataset("my-dataset")!.Name, Is.EqualTo("qa"));
        });
    }

    [Test]
    public void FindDataset_NameInOtherCase_FindsIt()
    {
        var ds = NewDataset("QA-Golden");

        Assert.Multiple(() =>
        {
            Assert.That(Store.FindDataset("qa-golden")?.Id, Is.EqualTo(ds.Id));
            Assert.That(Store.FindDataset("QA-GOLDEN")?.Id, Is.EqualTo(ds.Id));
            Assert.That(Store.FindDataset("qa-golden ")?.Id, Is.Null);
        });
    }

    [Test]
    public void GetDatasetAndFindDataset_Unknown_ReturnNull()
    {
        NewDataset("qa");

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetDataset("no-such-id"), Is.Null);
            Assert.That(Store.FindDataset("no-such-name"), Is.Null);
        });
    }

    [Test]
    public void UpdateDataset_RenameDescriptionAndMetadata_CreateNoVersion()
    {
        var ds = NewDataset("qa");
        Store.AddItem(ds.Id, Draft("a"));
        Clock.Advance(TimeSpan.FromMinutes(1));

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "qa-2", Description = "new", Metadata = Obj("""{"z":1,"a":2}""") });

        var read = Store.GetDataset(ds.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((updated.Name, updated.Description, Text(updated.Metadata)), Is.EqualTo(("qa-2", "new", """{"z":1,"a":2}""")));
            Assert.That((read.Name, read.Description, Text(read.Metadata)), Is.EqualTo(("qa-2", "new", """{"z":1,"a":2}""")));
            Assert.That(read.Version, Is.EqualTo(1));
            Assert.That(updated.Version, Is.EqualTo(1));
            Assert.That(Store.ListVersions(ds.Id).Total, Is.EqualTo(1));
            Assert.That(read.CreatedAt, Is.EqualTo(ds.CreatedAt));
            Assert.That(read.UpdatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That(Store.FindDataset("qa"), Is.Null);
            Assert.That(Store.FindDataset("QA-2")?.Id, Is.EqualTo(ds.Id));
        });
    }

    [Test]
    public void UpdateDataset_RenameToOwnNameInOtherCase_Succeeds()
    {
        var ds = NewDataset("qa");

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "QA" });

        Assert.Multiple(() =>
        {
            Assert.That(updated.Name, Is.EqualTo("QA"));
            Assert.That(Store.GetDataset(ds.Id)!.Name, Is.EqualTo("QA"));
        });
    }

    [Test]
    public void UpdateDataset_NullProperties_KeepEveryValue()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Description = "d", Metadata = Obj("""{"a":1}"""), InputSchema = Node(InputSchemaA), ExpectedOutputSchema = Node(OutputSchema) });

        Store.UpdateDataset(ds.Id, new DatasetUpdate());

        var read = Store.GetDataset(ds.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((read.Name, read.Description, Text(read.Metadata)), Is.EqualTo(("qa", "d", """{"a":1}""")));
            Assert.That((Text(read.InputSchema), Text(read.ExpectedOutputSchema)), Is.EqualTo((InputSchemaA, OutputSchema)));
            Assert.That(read.Version, Is.Zero);
        });
    }

    [Test]
    public void UpdateDataset_ClearDescriptionAndMetadata_RemovesThem()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Description = "d", Metadata = Obj("""{"a":1}""") });

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { ClearDescription = true, ClearMetadata = true });

        var read = Store.GetDataset(ds.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((updated.Description, updated.Metadata), Is.EqualTo(((string?)null, (System.Text.Json.Nodes.JsonObject?)null)));
            Assert.That(read.Description, Is.Null);
            Assert.That(read.Metadata, Is.Null);
            Assert.That(read.Version, Is.Zero);
        });
    }

    [Test]
    public void GetDataset_AtVersion_HasCurrentDefinitionAndThatVersionsCounters()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("qa") { Description = "old" });
        Store.AddItems(ds.Id, [Draft("a"), Draft("b")]);
        Store.AddItem(ds.Id, Draft("c"));
        Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "renamed", Description = "new", Metadata = Obj("""{"k":1}""") });

        var atOne = Store.GetDataset(ds.Id, 1);

        Assert.Multiple(() =>
        {
            Assert.That((atOne.Id, atOne.Name, atOne.Description, Text(atOne.Metadata)), Is.EqualTo((ds.Id, "renamed", "new", """{"k":1}""")));
            Assert.That(atOne.Version, Is.EqualTo(1));
            Assert.That(atOne.ItemCount, Is.EqualTo(2));
            Assert.That(Store.GetDataset(ds.Id, 0).ItemCount, Is.Zero);
            Assert.That(Store.GetDataset(ds.Id, 2).ItemCount, Is.EqualTo(3));
        });
    }

    [Test]
    public void DeleteDataset_Existing_RemovesItAndEverythingInIt()
    {
        var ds = NewDataset("qa");
        var item = Store.AddItem(ds.Id, Draft("a")).Items[0];
        Store.TagVersion(ds.Id, 1, "golden");

        Store.DeleteDataset(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetDataset(ds.Id), Is.Null);
            Assert.That(Store.FindDataset("qa"), Is.Null);
            Assert.That(Store.ListDatasets().Items, Is.Empty);
            Assert.That(() => Store.GetItem(ds.Id, item.Id), FailsWith(ErrorCode.DatasetNotFound));
            Assert.That(() => Store.ListVersions(ds.Id), FailsWith(ErrorCode.DatasetNotFound));
            Assert.That(() => Store.ResolveVersion(ds.Id, "golden"), FailsWith(ErrorCode.DatasetNotFound));
        });
    }

    [Test]
    public void DeleteDataset_ThenCreateWithSameNameAndId_StartsEmpty()
    {
        var old = Store.CreateDataset(new DatasetDefinition("qa") { Id = "ds-1", Description = "old", InputSchema = Node(InputSchemaA) });
        var item = Store.AddItem(old.Id, JsonDraft("\"a\"", id: "item-1", externalId: "k")).Items[0];
        Store.TagVersion(old.Id, 1, "golden");
        Store.DeleteDataset(old.Id);

        var fresh = Store.CreateDataset(new DatasetDefinition("QA") { Id = "ds-1" });

        Assert.Multiple(() =>
        {
            Assert.That((fresh.Version, fresh.ItemCount, fresh.Description), Is.EqualTo((0L, 0L, (string?)null)));
            Assert.That(Store.GetDataset("ds-1")!.InputSchema, Is.Null);
            Assert.That(Store.ReadItems("ds-1"), Is.Empty);
            Assert.That(Store.ListVersions("ds-1").Total, Is.Zero);
            Assert.That(() => Store.ResolveVersion("ds-1", "golden"), FailsWith(ErrorCode.TagNotFound));
            Assert.That(() => Store.GetItemHistory("ds-1", item.Id), FailsWith(ErrorCode.ItemNotFound));
        });

        var again = Store.AddItem("ds-1", JsonDraft("\"b\"", id: "item-1", externalId: "k"));
        Assert.Multiple(() =>
        {
            Assert.That(again.Version, Is.EqualTo(1));
            Assert.That(Store.GetItemHistory("ds-1", "item-1"), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void DeleteDataset_OneOfTwo_LeavesTheOtherUntouched()
    {
        var keep = NewDataset("keep");
        var drop = NewDataset("drop");
        Store.AddItems(keep.Id, [Draft("k1"), Draft("k2")]);
        Store.AddItems(drop.Id, [Draft("d1")]);
        Store.TagVersion(keep.Id, 1, "golden");
        Store.TagVersion(drop.Id, 1, "golden");
        var before = StateOf(keep.Id);

        Store.DeleteDataset(drop.Id);

        Assert.Multiple(() =>
        {
            Assert.That(StateOf(keep.Id), Is.EqualTo(before));
            Assert.That(Store.ResolveVersion(keep.Id, "golden"), Is.EqualTo(1));
            Assert.That(Store.ListDatasets().Items.Select(d => d.Id), Is.EqualTo(new[] { keep.Id }));
        });
    }

    [Test]
    public void ListDatasets_SmallPages_WalkAllByNameIgnoringCase()
    {
        foreach (var name in new[] { "beta", "Alpha", "gamma", "Delta", "epsilon" })
        {
            NewDataset(name);
        }

        var names = new List<string>();
        var totals = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = Store.ListDatasets(new DatasetQuery { PageSize = 2, After = cursor });
            names.AddRange(page.Items.Select(d => d.Name));
            totals.Add(page.Total);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[] { "Alpha", "beta", "Delta", "epsilon", "gamma" }));
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(totals, Is.All.EqualTo(5));
        });
    }

    [Test]
    public void ListDatasets_LastPageFull_HasNoNextCursor()
    {
        foreach (var name in new[] { "a", "b", "c", "d" })
        {
            NewDataset(name);
        }

        var first = Store.ListDatasets(new DatasetQuery { PageSize = 2 });
        var second = Store.ListDatasets(new DatasetQuery { PageSize = 2, After = first.NextCursor });

        Assert.Multiple(() =>
        {
            Assert.That(first.NextCursor, Is.Not.Null);
            Assert.That(second.Items.Select(d => d.Name), Is.EqualTo(new[] { "c", "d" }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [Test]
    public void ListDatasets_NameContains_FiltersIgnoringCase()
    {
        foreach (var name in new[] { "qa-golden", "QA-silver", "math", "Golden-math" })
        {
            NewDataset(name);
        }

        var golden = Store.ListDatasets(new DatasetQuery { NameContains = "GOLD" });
        var qaPaged = Store.ListDatasets(new DatasetQuery { NameContains = "qa-", PageSize = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(golden.Items.Select(d => d.Name), Is.EqualTo(new[] { "Golden-math", "qa-golden" }));
            Assert.That(golden.Total, Is.EqualTo(2));
            Assert.That(qaPaged.Items.Select(d => d.Name), Is.EqualTo(new[] { "qa-golden" }));
            Assert.That(qaPaged.Total, Is.EqualTo(2));
            Assert.That(Store.ListDatasets(new DatasetQuery { NameContains = "qa-", After = qaPaged.NextCursor }).Items.Select(d => d.Name), Is.EqualTo(new[] { "QA-silver" }));
            Assert.That(Store.ListDatasets(new DatasetQuery { NameContains = "nothing" }).Total, Is.Zero);
        });
    }

    [Test]
    public void ListDatasets_ReportsCurrentVersionAndItemCount()
    {
        var ds = NewDataset("qa");
        Store.AddItems(ds.Id, [Draft("a"), Draft("b")]);

        var listed = Store.ListDatasets().Items.Single();

        Assert.That((listed.Id, listed.Version, listed.ItemCount), Is.EqualTo((ds.Id, 1L, 2L)));
    }

    [Test]
    public void CreateDataset_NamesEqualOnlyUnderInvariantUpperCasing_AreDistinct()
    {
        // U+017F (long s) upper-cases to 'S', yet "\u017Fet" and "set" differ under ordinal ignore-case.
        var longS = NewDataset("\u017Fet");
        var plain = NewDataset("set");

        Assert.Multiple(() =>
        {
            Assert.That(Store.FindDataset("\u017FET")?.Id, Is.EqualTo(longS.Id));
            Assert.That(Store.FindDataset("SET")?.Id, Is.EqualTo(plain.Id));
        });
    }
}
