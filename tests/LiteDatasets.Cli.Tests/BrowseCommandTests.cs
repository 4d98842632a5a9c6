namespace LiteDatasets.Cli.Tests;

/// <summary>items, show, history and versions.</summary>
[TestFixture]
public sealed class BrowseCommandTests : CliTestBase
{
    [SetUp]
    public void UseDemo() => CopyDemo();

    [Test]
    public void Items_Json_HasTheDocumentedShapeAndPagesByCursor()
    {
        var first = RunJson("items", "demo.litedb", "gsm8k-demo", "--page-size", "2");
        var next = RunJson("items", "demo.litedb", "gsm8k-demo", "--page-size", "2", "--after", first["nextCursor"]!.GetValue<string>());
        var byOffset = RunJson("items", "demo.litedb", "gsm8k-demo", "--page-size", "2", "--offset", "2");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(first), Is.EqualTo(new[] { "dataset", "version", "total", "nextCursor", "items" }));
            Assert.That(Keys(first["items"]![0]), Is.EqualTo(ItemKeys));
            Assert.That(first["total"]!.GetValue<long>(), Is.EqualTo(298));
            Assert.That(ExternalIds(first), Is.EqualTo(new[] { "gsm8k-test-0001", "gsm8k-test-0002" }));
            Assert.That(ExternalIds(next), Is.EqualTo(new[] { "gsm8k-test-0003", "gsm8k-test-0004" }));
            Assert.That(ExternalIds(byOffset), Is.EqualTo(ExternalIds(next)));
        });
    }

    [Test]
    public void Items_AtTagOrNumber_ReadTheSameOldVersion()
    {
        var byTag = RunJson("items", "demo.litedb", "gsm8k-demo", "--at", "baseline", "--external-id", "gsm8k-test-0007");
        var byNumber = RunJson("items", "demo.litedb", "gsm8k-demo", "--at", "1", "--external-id", "gsm8k-test-0007");
        var now = RunJson("items", "demo.litedb", "gsm8k-demo", "--external-id", "gsm8k-test-0007");

        Assert.Multiple(() =>
        {
            Assert.That(byTag.ToJsonString(), Is.EqualTo(byNumber.ToJsonString()));
            Assert.That(byTag["total"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(now["total"]!.GetValue<long>(), Is.Zero);
        });
    }

    [Test]
    public void Items_SearchAndMetadataFilter_NarrowTheItems()
    {
        var reviewed = RunJson("items", "demo.litedb", "gsm8k-demo", "--meta", "reviewed=true");
        var search = RunJson("items", "demo.litedb", "gsm8k-demo", "--search", "JANET’S DUCKS", "--page-size", "100");
        var text = Run("items", "demo.litedb", "gsm8k-demo", "--meta", "reviewed=true");

        Assert.Multiple(() =>
        {
            Assert.That(reviewed["total"]!.GetValue<long>(), Is.EqualTo(5));
            Assert.That(ExternalIds(search), Does.Contain("gsm8k-test-0001"));
            Assert.That(text.Output, Does.Contain("Items 1–5 of 5 at version 4 of gsm8k-demo."));
        });
    }

    [Test]
    public void Show_ExternalIdAtBaseline_ShowsTheContentItHadThen()
    {
        var then = RunJson("show", "demo.litedb", "gsm8k-demo", "gsm8k-test-0001", "--at", "baseline");
        var now = RunJson("show", "demo.litedb", "gsm8k-demo", then["item"]!["id"]!.GetValue<string>());
        var text = Run("show", "demo.litedb", "gsm8k-demo", "gsm8k-test-0001");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(then), Is.EqualTo(new[] { "dataset", "version", "item" }));
            Assert.That(then["item"]!["expectedOutput"]!.GetValue<string>(), Does.EndWith("#### 18"));
            Assert.That(now["item"]!["expectedOutput"]!.GetValue<string>(), Is.EqualTo("18"));
            Assert.That(text.Output, Does.Contain("Expected output").And.Contain("18"));
        });
    }

    [Test]
    public void Show_UnknownItem_FailsWithItemNotFound()
    {
        var result = Run("show", "demo.litedb", "gsm8k-demo", "no-such-item", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ItemNotFound"));
        });
    }

    [Test]
    public void History_DeletedItem_ListsItsRevisionAndDeletion()
    {
        var id = RunJson("items", "demo.litedb", "gsm8k-demo", "--at", "1", "--external-id", "gsm8k-test-0007")["items"]![0]!["id"]!.GetValue<string>();

        var json = RunJson("history", "demo.litedb", "gsm8k-demo", id);
        var text = Run("history", "demo.litedb", "gsm8k-demo", id);

        var revisions = json["revisions"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "itemId", "revisions" }));
            Assert.That(Keys(revisions[0]), Is.EqualTo(new[] { "validFrom", "validTo", "isDelete", "item" }));
            Assert.That(revisions.Select(r => (r!["validFrom"]!.GetValue<long>(), r["validTo"]?.GetValue<long>(), r["isDelete"]!.GetValue<bool>())),
                Is.EqualTo(new[] { (1L, (long?)3L, false), (3L, (long?)null, true) }));
            Assert.That(text.Output, Does.Contain("deleted"));
        });
    }

    [Test]
    public void Versions_PageSize_PagesNewestFirst()
    {
        var first = RunJson("versions", "demo.litedb", "gsm8k-demo", "--page-size", "3");
        var rest = RunJson("versions", "demo.litedb", "gsm8k-demo", "--after", first["nextCursor"]!.GetValue<string>());

        Assert.Multiple(() =>
        {
            Assert.That(Keys(first), Is.EqualTo(new[] { "dataset", "total", "nextCursor", "versions" }));
            Assert.That(Keys(first["versions"]![0]), Is.EqualTo(VersionKeys));
            Assert.That(Numbers(first).Concat(Numbers(rest)), Is.EqualTo(new[] { 4L, 3L, 2L, 1L }));
            Assert.That(first["versions"]![0]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "golden" }));
        });
    }

    private static IEnumerable<string> ExternalIds(System.Text.Json.Nodes.JsonObject page) =>
        page["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>());

    private static IEnumerable<long> Numbers(System.Text.Json.Nodes.JsonObject page) =>
        page["versions"]!.AsArray().Select(v => v!["number"]!.GetValue<long>());
}
