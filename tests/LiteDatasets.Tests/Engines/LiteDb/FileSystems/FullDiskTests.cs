using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Connections;

namespace LiteDatasets.Tests.Engines.LiteDb.FileSystems;

/// <summary>
/// A full disk at every step that writes: a checkpoint (on close, after a commit, on open), a commit and a spill of
/// a large write's pages. Each test runs on a tmpfs of its own whose space it uses up and gives back; nothing
/// committed may be lost, the file must open again once space returns, and the store must stay usable meanwhile.
/// </summary>
[TestFixture]
public sealed class FullDiskTests : StoreFileFixture
{
    private const long DiskSize = 48L * 1024 * 1024;
    private const int PageSize = 8192;

    private ScratchMount? _disk;

    private ScratchMount Disk => _disk!;

    private string DiskStore => Disk.File("s.litedb");

    [SetUp]
    public void MountSmallDisk()
    {
        RootSuite.Require();
        _disk = ScratchMount.Tmpfs(Scratch.File("disk"), DiskSize);
    }

    [TearDown]
    public void Unmount() => _disk?.Dispose();

    /// <summary>
    /// Free space left for the step that fills the disk: an odd number of 4 KB blocks, so that the write of an 8 KB
    /// page can stop half-way, at several distances from the end of the step's first write.
    /// </summary>
    private static readonly long[] s_leftOver = [4096, 3 * 4096, 5 * 4096, 7 * 4096, 11 * 4096];

    [TestCaseSource(nameof(s_leftOver))]
    public void Dispose_DiskFullAtTheCheckpoint_KeepsTheJournalAndTheNextOpenHasEveryCommit(long leftOver)
    {
        IReadOnlyList<string> expected;
        var store = TestStores.Open(DiskStore);
        try
        {
            var id = store.CreateDataset(new DatasetDefinition("big")).Id;
            store.AddItems(id, Drafts(2000, 2000), new WriteOptions { Message = "4 MB, below the checkpoint threshold" });
            expected = StoreDump.Of(store);
            Disk.Fill(leftOver);
        }
        finally
        {
            Assert.DoesNotThrow(store.Dispose, "Closing completes even when the checkpoint cannot.");
        }

        Assert.Multiple(() =>
        {
            Assert.That(new FileInfo(DiskStore).Length % PageSize, Is.Zero, "The data file holds whole pages.");
            Assert.That(File.Exists(DiskStore + "-journal"), Is.True, "The journal keeps what the checkpoint could not move.");
        });

        Disk.Free();
        AssertHolds(expected);
    }

    [TestCaseSource(nameof(s_leftOver))]
    public void Open_JournalPendingOnAFullDisk_OpensAndTheNextOpenAfterSpaceReturnsHasEveryCommit(long leftOver)
    {
        var (exitCode, lines) = TestHostProcess.Run("commit-then-kill", DiskStore, "20");
        Assert.That(lines, Has.Count.EqualTo(20).And.All.StartWith("committed "), $"exit {exitCode}");
        Disk.Fill(leftOver);

        IReadOnlyList<string> expected;
        using (var store = TestStores.Open(DiskStore))
        {
            var dataset = store.FindDataset("killed")!;
            Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((20L, 20L)), "The journal's commits are read on a full disk.");
            expected = StoreDump.Of(store);
        }

        Assert.That(new FileInfo(DiskStore).Length % PageSize, Is.Zero, "The data file holds whole pages.");
        Disk.Free();
        AssertHolds(expected);
    }

    [Test]
    public void AddItems_CheckpointAfterTheCommitFindsTheDiskFullThenTheProcessIsKilled_NextOpenHasTheCommit()
    {
        // About 15 MB of journal: it fits, but moving it into the data file needs as much again (and the odd 4 KB
        // block lets a page write stop half-way).
        Disk.Fill(leave: (18L * 1024 * 1024) + 4096);
        var (exitCode, lines) = TestHostProcess.Run("bulk-then-kill", DiskStore, "6000", "1500");
        Assert.That(lines, Is.EqualTo(new[] { "committed 1" }), $"exit {exitCode}");
        Assert.That(new FileInfo(DiskStore).Length % PageSize, Is.Zero, "The data file holds whole pages.");

        Disk.Free();
        using var store = TestStores.Open(DiskStore);
        var dataset = store.FindDataset("bulk")!;
        Assert.Multiple(() =>
        {
            Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((1L, 6000L)));
            Assert.That(store.ReadItems(dataset.Id).Count(), Is.EqualTo(6000));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void ImportItems_DiskFullAtTheCommit_StorageFullAndEveryThreadGoesOnAsIfItNeverHappened(bool shared) =>
        AssertRefusedWithoutTrace(new StoreSettings { Path = DiskStore, Shared = shared }, leave: 1024 * 1024, importItems: 40_000);

    [TestCase(false)]
    [TestCase(true)]
    public void ImportItems_DiskFullWhileALargeWriteSpillsPages_StorageFullAndEveryThreadGoesOnAsIfItNeverHappened(bool shared) =>
        // A small page pool makes the import spill its pages to the journal long before it commits.
        AssertRefusedWithoutTrace(new StoreSettings { Path = DiskStore, Shared = shared, TransactionPoolPages = 256 }, leave: 6L * 1024 * 1024, importItems: 60_000);

    [Test]
    public void Writes_ManyThreadsWhileTheDiskRunsFull_EveryReturnedCommitIsKeptAndEveryRefusedOneLeavesNoTrace()
    {
        const int Writers = 4;
        const int AddsEach = 250;
        var store = TestStores.Open(DiskStore);
        var ids = Enumerable.Range(0, Writers).Select(w => store.CreateDataset(new DatasetDefinition("w" + w.ToString(CultureInfo.InvariantCulture))).Id).ToArray();
        var bulkId = store.CreateDataset(new DatasetDefinition("bulk")).Id;
        Disk.Fill(leave: 6L * 1024 * 1024);

        var returned = new ConcurrentBag<(string Dataset, string Input)>();
        var errors = new ConcurrentQueue<Exception>();
        int refusedAdds = 0, refusedImports = 0, imports = 0, writersLeft = Writers;
        var writers = ids.Select((id, w) => Run(errors, () =>
        {
            AddItemsOneByOne(store, id, w, AddsEach, returned, ref refusedAdds);
            Interlocked.Decrement(ref writersLeft);
        }));
        var importer = Run(errors, () =>
        {
            for (var i = 0; i < 3; i++)
            {
                try
                {
                    store.ImportItems(bulkId, Drafts(20_000, 200));
                    imports++;
                }
                catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.StorageFull)
                {
                    refusedImports++;
                }
            }
        });

        // Readers check, while all this goes on, that every version they read is whole.
        var readers = Enumerable.Range(0, 2).Select(_ => Run(errors, () =>
        {
            CheckWholeVersionsWhileWriting(store, ids.Append(bulkId).ToArray(), ref writersLeft);
        }));

        var all = writers.Append(importer).Concat(readers).ToArray();
        Assert.That(Task.WaitAll(all, TimeSpan.FromMinutes(3)), Is.True, "Every thread finished.");
        Assert.That(errors, Is.Empty, string.Join(Environment.NewLine, errors));
        Assert.DoesNotThrow(store.Dispose);
        TestContext.Out.WriteLine($"{returned.Count} adds returned, {refusedAdds} refused; {imports} imports returned, {refusedImports} refused.");
        Assert.That(refusedAdds + refusedImports, Is.GreaterThan(0), "The disk ran full.");

        Disk.Free();
        CheckKeptExactlyTheReturned(DiskStore, ids, bulkId, returned, imports);
    }

    /// <summary>Adds <paramref name="count"/> items one call each, recording the ones that returned and counting the ones refused for a full disk.</summary>
    private static void AddItemsOneByOne(DatasetStore store, string id, int w, int count, ConcurrentBag<(string Dataset, string Input)> returned, ref int refusedAdds)
    {
        for (var i = 0; i < count; i++)
        {
            var input = $"w{w} #{i} " + new string('p', 800);
            try
            {
                store.AddItem(id, new ItemDraft(JsonValue.Create(input)));
                returned.Add((id, input));
            }
            catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.StorageFull)
            {
                Interlocked.Increment(ref refusedAdds);
            }
        }
    }

    /// <summary>Reads every dataset at its current version, over and over while writers are left, and checks each read is whole.</summary>
    private static void CheckWholeVersionsWhileWriting(DatasetStore store, string[] datasets, ref int writersLeft)
    {
        while (Volatile.Read(ref writersLeft) > 0)
        {
            foreach (var id in datasets)
            {
                var dataset = store.GetDataset(id)!;
                Assert.That(store.ReadItems(id, dataset.Version).LongCount(), Is.EqualTo(dataset.ItemCount), $"{dataset.Name} at version {dataset.Version}");
            }
        }
    }

    /// <summary>Checks the reopened store holds exactly the adds and imports that returned, and verifies.</summary>
    private static void CheckKeptExactlyTheReturned(string path, string[] ids, string bulkId, ConcurrentBag<(string Dataset, string Input)> returned, int imports)
    {
        using var reopened = TestStores.Open(path);
        Assert.Multiple(() =>
        {
            foreach (var id in ids)
            {
                var expected = returned.Where(r => r.Dataset == id).Select(r => r.Input).Order(StringComparer.Ordinal);
                Assert.That(reopened.ReadItems(id).Select(i => i.Input.GetValue<string>()).Order(StringComparer.Ordinal), Is.EqualTo(expected));
                Assert.That(reopened.GetDataset(id)!.Version, Is.EqualTo(expected.Count()));
            }

            var bulk = reopened.GetDataset(bulkId)!;
            Assert.That((bulk.Version, bulk.ItemCount), Is.EqualTo((imports, imports * 20_000L)));
            Assert.That(reopened.Verify().Problems, Is.Empty);
        });
    }

    [Test]
    public void AddItem_CommitsWhoseJournalOutgrowsTheFreeSpace_CheckpointEarlyAndAllSucceed()
    {
        using var store = TestStores.Open(DiskStore);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;
        Disk.Fill(leave: 3L * 1024 * 1024);

        // Each commit rewrites a few pages: 400 of them would need about 20 MB of journal, the items far less.
        for (var i = 0; i < 400; i++)
        {
            store.AddItem(id, new ItemDraft(JsonValue.Create(i.ToString(CultureInfo.InvariantCulture) + new string('s', 1000))));
        }

        Assert.Multiple(() =>
        {
            Assert.That(store.GetDataset(id)!.Version, Is.EqualTo(400));
            Assert.That(store.Connection.Journal!.PagesLength, Is.LessThan(3L * 1024 * 1024));
        });
    }

    [Test]
    public void AddItem_DiskRunningShort_CheckpointsGiveTheJournalFilesSpaceBack()
    {
        using var store = TestStores.Open(DiskStore);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;
        Disk.Fill(leave: 3L * 1024 * 1024);

        // A durable store keeps its journal file's space across checkpoints, but not while the disk runs short.
        long kept = 0;
        for (var i = 0; i < 400; i++)
        {
            store.AddItem(id, new ItemDraft(JsonValue.Create(i.ToString(CultureInfo.InvariantCulture) + new string('s', 1000))));
            kept = Math.Max(kept, new FileInfo(DiskStore + "-journal").Length - store.Connection.Journal!.Length);
        }

        Assert.That(kept, Is.Zero);
    }

    [Test]
    public void Open_NewStoreOnAFullDisk_StorageFullAndNoFileLeftBehind()
    {
        Disk.Fill();

        var refused = Assert.Throws<LiteDatasetsException>(() => TestStores.Open(DiskStore).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Code, Is.EqualTo(ErrorCode.StorageFull), refused.Message);
            Assert.That(FileState.Listing(Disk.Path), Is.EqualTo(new[] { ".filler" }));
        });
    }

    /// <summary>
    /// Fills the disk but <paramref name="leave"/> bytes after a first commit (100 items at version 1) and imports
    /// <paramref name="importItems"/> items, which must be refused for lack of space; then checks the store goes
    /// on as if the import had never been tried, and holds everything once reopened.
    /// </summary>
    private void AssertRefusedWithoutTrace(StoreSettings settings, long leave, int importItems)
    {
        var store = DatasetStore.Open(settings);
        try
        {
            var id = store.CreateDataset(new DatasetDefinition("d")).Id;
            store.AddItems(id, Drafts(100, 100));
            Disk.Fill(leave);

            var refused = Assert.Throws<LiteDatasetsException>(() => store.ImportItems(id, Drafts(importItems, 200)));
            Assert.That(refused!.Code, Is.EqualTo(ErrorCode.StorageFull), refused.Message);

            AssertUsableAfterRefusal(store, id);
        }
        finally
        {
            Assert.DoesNotThrow(store.Dispose, "Closing completes.");
        }

        Disk.Free();
        using var reopened = TestStores.Open(DiskStore);
        var dataset = reopened.FindDataset("d")!;
        Assert.Multiple(() =>
        {
            Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((3L, 102L)));
            Assert.That(reopened.Verify().Problems, Is.Empty);
        });
    }

    /// <summary>
    /// After a refused write of dataset <paramref name="id"/> (100 items at version 1): nothing of it shows on any
    /// thread, writes from this and another thread succeed (the refused write's space was given back), and a backup
    /// and a check run.
    /// </summary>
    private void AssertUsableAfterRefusal(DatasetStore store, string id)
    {
        var dataset = store.GetDataset(id)!;
        Assert.Multiple(() =>
        {
            Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((1L, 100L)), "The refused write left no trace.");
            Assert.That(store.ReadItems(id).Count(), Is.EqualTo(100));
            Assert.That(store.ListItems(id).Total, Is.EqualTo(100));
            Assert.That(store.Verify().Problems, Is.Empty);
        });

        var fromAnotherThread = Task.Factory.StartNew(() => store.AddItem(id, TestStores.Draft("another thread")).Version, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.That(fromAnotherThread.Wait(TimeSpan.FromSeconds(20)), Is.True, "Another thread's write does not wait on the refused one.");
        Assert.Multiple(() =>
        {
            Assert.That(fromAnotherThread.Result, Is.EqualTo(2));
            Assert.That(store.AddItem(id, TestStores.Draft("this thread")).Version, Is.EqualTo(3));
        });

        var backup = Scratch.File("backup.litedb");
        store.Backup(backup);
        Assert.That(TestStores.DumpOf(backup), Is.EqualTo(StoreDump.Of(store)));
    }

    /// <summary>Opens the store on the disk again (space has returned) and checks it holds exactly <paramref name="expected"/>.</summary>
    private void AssertHolds(IReadOnlyList<string> expected)
    {
        using (var store = TestStores.Open(DiskStore))
        {
            Assert.Multiple(() =>
            {
                Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.That(FileState.Listing(Disk.Path), Is.EqualTo(new[] { "s.litedb" }), "Closing with space moved the journal in.");
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own, keeping what it throws.</summary>
    private static Task Run(ConcurrentQueue<Exception> errors, Action body) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                body();
            }
            catch (Exception ex)
            {
                errors.Enqueue(ex);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static IEnumerable<ItemDraft> Drafts(int count, int bytes)
    {
        var filler = new string('x', bytes);
        return Enumerable.Range(0, count).Select(i => new ItemDraft(JsonValue.Create(i.ToString(CultureInfo.InvariantCulture) + filler)));
    }
}
