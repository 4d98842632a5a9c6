namespace LiteDatasets.Tests.Contract;

/// <summary>Naming versions with tags: tag, move, delete, resolve, and reading by tag.</summary>
public sealed partial class StoreContract
{
    private Dataset DatasetWithVersions(int commits)
    {
        var ds = NewDataset();
        for (var i = 0; i < commits; i++)
        {
            AddNumbered(ds.Id, 1, from: i);
        }

        return ds;
    }

    [Test]
    public void TagVersion_ThenResolve_ReturnsTheTaggedVersion()
    {
        var ds = DatasetWithVersions(3);

        Store.TagVersion(ds.Id, 2, "golden-2026-11");

        Assert.Multiple(() =>
        {
            Assert.That(Store.ResolveVersion(ds.Id, "golden-2026-11"), Is.EqualTo(2));
            Assert.That(Store.GetVersion(ds.Id, 2).Tags, Is.EqualTo(new[] { "golden-2026-11" }));
            Assert.That(Store.ListVersions(ds.Id).Items.Select(v => v.Tags.Count), Is.EqualTo(new[] { 0, 1, 0 }));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void TagVersion_SeveralTagsOnOneVersion_AreListedInOrdinalOrder()
    {
        var ds = DatasetWithVersions(1);

        foreach (var tag in new[] { "beta", "Zulu", "alpha", "Alpha" })
        {
            Store.TagVersion(ds.Id, 1, tag);
        }

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetVersion(ds.Id, 1).Tags, Is.EqualTo(new[] { "Alpha", "Zulu", "alpha", "beta" }));
            Assert.That(Store.ListVersions(ds.Id).Items.Single().Tags, Is.EqualTo(new[] { "Alpha", "Zulu", "alpha", "beta" }));
        });
    }

    [Test]
    public void TagVersion_VersionZero_IsAllowed()
    {
        var ds = DatasetWithVersions(1);

        Store.TagVersion(ds.Id, 0, "empty");

        Assert.Multiple(() =>
        {
            Assert.That(Store.ResolveVersion(ds.Id, "empty"), Is.Zero);
            Assert.That(Store.GetVersion(ds.Id, 0).Tags, Is.EqualTo(new[] { "empty" }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Tag = "empty" }).Items, Is.Empty);
        });
    }

    [Test]
    public void TagVersion_SameTagOnSameVersionAgain_IsANoOp()
    {
        var ds = DatasetWithVersions(2);
        Store.TagVersion(ds.Id, 1, "golden");
        var before = StateOf(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.TagVersion(ds.Id, 1, "golden"), Throws.Nothing);
            Assert.That(StateOf(ds.Id), Is.EqualTo(before));
            Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(1));
        });
    }

    [Test]
    public void TagVersion_CreatesNoVersion()
    {
        var ds = DatasetWithVersions(2);

        Store.TagVersion(ds.Id, 1, "golden");

        Assert.That((Store.GetDataset(ds.Id)!.Version, Store.ListVersions(ds.Id).Total), Is.EqualTo((2L, 2L)));
    }

    [Test]
    public void MoveTag_ToAnotherVersion_ResolvesThere()
    {
        var ds = DatasetWithVersions(3);
        Store.TagVersion(ds.Id, 1, "golden");

        Store.MoveTag(ds.Id, "golden", 3);

        Assert.Multiple(() =>
        {
            Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(3));
            Assert.That(Store.GetVersion(ds.Id, 1).Tags, Is.Empty);
            Assert.That(Store.GetVersion(ds.Id, 3).Tags, Is.EqualTo(new[] { "golden" }));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void MoveTag_ToTheVersionItAlreadyNames_ChangesNothing()
    {
        var ds = DatasetWithVersions(2);
        Store.TagVersion(ds.Id, 2, "golden");

        Store.MoveTag(ds.Id, "golden", 2);

        Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(2));
    }

    [Test]
    public void DeleteTag_Existing_RemovesOnlyTheTag()
    {
        var ds = DatasetWithVersions(2);
        Store.TagVersion(ds.Id, 1, "golden");
        Store.TagVersion(ds.Id, 1, "keep");
        var itemsAtOne = Inputs(Store.ReadItems(ds.Id, 1));

        Store.DeleteTag(ds.Id, "golden");

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ResolveVersion(ds.Id, "golden"), FailsWith(ErrorCode.TagNotFound));
            Assert.That(Store.GetVersion(ds.Id, 1).Tags, Is.EqualTo(new[] { "keep" }));
            Assert.That(Inputs(Store.ReadItems(ds.Id, 1)), Is.EqualTo(itemsAtOne));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void DeleteTag_ThenTagAnotherVersion_IsAllowed()
    {
        var ds = DatasetWithVersions(2);
        Store.TagVersion(ds.Id, 1, "golden");
        Store.DeleteTag(ds.Id, "golden");

        Store.TagVersion(ds.Id, 2, "golden");

        Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(2));
    }

    [Test]
    public void Tags_DifferingOnlyInCase_AreDistinct()
    {
        var ds = DatasetWithVersions(2);

        Store.TagVersion(ds.Id, 1, "golden");
        Store.TagVersion(ds.Id, 2, "Golden");

        Assert.Multiple(() =>
        {
            Assert.That(Store.ResolveVersion(ds.Id, "golden"), Is.EqualTo(1));
            Assert.That(Store.ResolveVersion(ds.Id, "Golden"), Is.EqualTo(2));
            Assert.That(() => Store.ResolveVersion(ds.Id, "GOLDEN"), FailsWith(ErrorCode.TagNotFound));
        });
    }

    [Test]
    public void Tags_OfTwoDatasets_AreIndependent()
    {
        var a = DatasetWithVersions(1);
        var b = NewDataset("other");
        AddNumbered(b.Id, 1);
        AddNumbered(b.Id, 1);

        Store.TagVersion(a.Id, 1, "golden");
        Store.TagVersion(b.Id, 2, "golden");
        Store.DeleteTag(a.Id, "golden");

        Assert.Multiple(() =>
        {
            Assert.That(Store.ResolveVersion(b.Id, "golden"), Is.EqualTo(2));
            Assert.That(() => Store.ResolveVersion(a.Id, "golden"), FailsWith(ErrorCode.TagNotFound));
        });
    }

    [Test]
    public void ListItems_ByTag_ReadsTheTaggedVersion()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;
        Store.TagVersion(ds.Id, 1, "golden");
        Store.DeleteItem(ds.Id, items[0].Id);
        Store.UpdateItem(ds.Id, items[1].Id, new ItemPatch { Input = Node("\"changed\"") });

        var first = Store.ListItems(ds.Id, new ItemQuery { Tag = "golden", PageSize = 2 });
        var second = Store.ListItems(ds.Id, new ItemQuery { Tag = "golden", PageSize = 2, After = first.NextCursor });

        Assert.Multiple(() =>
        {
            Assert.That((first.Version, first.Total), Is.EqualTo((1L, 3L)));
            Assert.That(Inputs(first.Items.Concat(second.Items)), Is.EqualTo(new[] { "\"item-0\"", "\"item-1\"", "\"item-2\"" }));
            Assert.That(second.NextCursor, Is.Null);
        });
    }

    [Test]
    public void ListItems_CursorReadAtATagThatMovedSince_ThrowsArgumentException()
    {
        var ds = DatasetWithVersions(3);
        Store.TagVersion(ds.Id, 2, "golden");
        var cursor = Store.ListItems(ds.Id, new ItemQuery { Tag = "golden", PageSize = 1 }).NextCursor;
        Store.MoveTag(ds.Id, "golden", 3);

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.ListItems(ds.Id, new ItemQuery { Tag = "golden", PageSize = 1, After = cursor }), Throws.InstanceOf<ArgumentException>());
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { PageSize = 1, After = cursor }).Version, Is.EqualTo(2));
        });
    }
}
