using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Reliability;

/// <summary>
/// Reads of an older version in chunks, reduced from what the concurrency stress found: the item added last
/// (the highest sequence number at that version) must be returned even when a chunk of the scan ends between two
/// of its revisions (here: its first revision, closed by an update, ends a chunk; the revision live at the version
/// would start the next). Pages of <see cref="IDatasetStore.ListItems"/> are read in chunks of the page size plus one,
/// <see cref="IDatasetStore.ReadItems"/> in chunks of 500 revisions.
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

    [Test]
    public void ReadItems_DatasetDeletedWhileStreaming_ThrowsDatasetNotFoundInsteadOfEndingEarly()
    {
        using var store = DatasetStore.OpenInMemory();
        var id = FilledDataset(store, 1500);

        var read = new List<DatasetItem>();
        var ex = Assert.Throws<LiteDatasetsException>(() =>
        {
            foreach (var item in store.ReadItems(id))
            {
                if (read.Count == 0)
                {
                    store.DeleteDataset(id);
                }

                read.Add(item);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.DatasetNotFound));
            Assert.That(read, Has.Count.LessThan(1500));
        });
    }

    [Test]
    public void ReadItems_DatasetDeletedAndCreatedAgainWithTheSameIdWhileStreaming_ThrowsDatasetNotFound()
    {
        using var store = DatasetStore.OpenInMemory();
        var id = FilledDataset(store, 1500);

        var ex = Assert.Throws<LiteDatasetsException>(() =>
        {
            var first = true;
            foreach (var _ in store.ReadItems(id, 1))
            {
                if (first)
                {
                    first = false;
                    store.DeleteDataset(id);
                    store.CreateDataset(new DatasetDefinition("again") { Id = id });
                    store.AddItems(id, Enumerable.Range(0, 10).Select(i => TestStores.Draft("new " + i.ToString(CultureInfo.InvariantCulture))));
                }
            }
        });

        Assert.That(ex!.Code, Is.EqualTo(ErrorCode.DatasetNotFound));
    }

    [Test]
    public void Export_TagOfADatasetDeletedWhileExporting_FailsWithDatasetNotFound()
    {
        using var store = DatasetStore.OpenInMemory();
        var id = FilledDataset(store, 5000);
        store.TagVersion(id, 1, "golden");
        var deleteOnFirstReport = new DeleteOnReport(() => store.DeleteDataset(id));

        var ex = Assert.Throws<LiteDatasetsException>(() => DatasetTransfer.Export(store, id, Stream.Null,
            new ExportOptions { Tag = "golden", Format = TransferFormat.Jsonl, Progress = deleteOnFirstReport }));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.DatasetNotFound));
            Assert.That(deleteOnFirstReport.Reports, Is.EqualTo(1), "The export failed at the next chunk, before reporting more items.");
        });
    }

    private static string FilledDataset(IDatasetStore store, int count)
    {
        var id = store.CreateDataset(new DatasetDefinition("streamed")).Id;
        store.AddItems(id, Enumerable.Range(0, count).Select(i => TestStores.Draft("item " + i.ToString(CultureInfo.InvariantCulture))));
        return id;
    }

    /// <summary>Runs an action at the first progress report, synchronously on the exporting thread.</summary>
    private sealed class DeleteOnReport(Action action) : IProgress<TransferProgress>
    {
        public int Reports { get; private set; }

        public void Report(TransferProgress value)
        {
            if (Reports++ == 0)
            {
                action();
            }
        }
    }

    private static List<string> ReadPages(IDatasetStore store, string id, long version, int pageSize)
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
