using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Reliability;

/// <summary>
/// Reads of an older version in chunks, reduced from what the concurrency stress found: the item added last
/// (the highest sequence number at that version) must be returned even when a chunk of the scan ends between two
/// of its revisions (here: its first revision, closed by an update, ends a chunk; the revision live at the version
/// would start the next). Pages of <see cref="DatasetStore.ListItems"/> are read in chunks of the page size plus one,
/// <see cref="DatasetStore.ReadItems"/> in chunks of 500 revisions.
/// </summary>
[TestFixture]
public sealed class SnapshotReadTests
{
    [Test]
    public void ListItems_OlderVersionWhoseLastItemWasUpdated_ReturnsEveryLiveItemOnEveryPageSize()
    {
        using var store = DatasetStore.OpenInMemory();
        var id = store.CreateDataset(new DatasetDefinition("pages")).Id;
        var added = store.AddItems(id, [TestStores.Draft("a"), TestStores.Draft("b")]);
        store.UpdateItem(id, added.Items[1].Id, new ItemPatch { Input = JsonValue.Create("b, changed at 2") });
        store.AddItem(id, TestStores.Draft("c, added at 3"));
        var expected = store.ReadItems(id, 2).Select(StoreDump.Item).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(expected, Has.Count.EqualTo(2));
            foreach (var pageSize in new[] { 1, 2, 3 })
            {
                Assert.That(ReadPages(store, id, 2, pageSize), Is.EqualTo(expected), $"{pageSize} a page");
            }
        });
    }

    [Test]
    public void ReadItems_OlderVersionWhoseLastItemWasUpdatedAtA500RowBoundary_ReturnsEveryLiveItem()
    {
        using var store = DatasetStore.OpenInMemory();
        var id = store.CreateDataset(new DatasetDefinition("chunks")).Id;
        var added = store.AddItems(id, Enumerable.Range(0, 500).Select(i => TestStores.Draft("item " + i.ToString(CultureInfo.InvariantCulture))));
        store.UpdateItem(id, added.Items[^1].Id, new ItemPatch { Input = JsonValue.Create("last, changed at 2") });
        store.AddItem(id, TestStores.Draft("added at 3"));

        var items = store.ReadItems(id, 2).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(items, Has.Count.EqualTo(500));
            Assert.That(items.Select(i => i.Input.GetValue<string>()).LastOrDefault(), Is.EqualTo("last, changed at 2"));
            Assert.That(store.ComputeFingerprint(id, 2), Is.EqualTo(store.GetVersion(id, 2).Fingerprint));
        });
    }

    private static List<string> ReadPages(DatasetStore store, string id, long version, int pageSize)
    {
        var items = new List<string>();
        string? after = null;
        do
        {
            var page = store.ListItems(id, new ItemQuery { Version = after is null ? version : null, PageSize = pageSize, After = after });
            items.AddRange(page.Items.Select(StoreDump.Item));
            after = page.NextCursor;
        }
        while (after is not null);

        return items;
    }
}
