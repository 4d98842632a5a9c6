using System.Collections.Concurrent;
using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>Shared mode: several openers of one file, all of which asked for it, write and read each other's commits.</summary>
[TestFixture]
public sealed class SharedModeTests : StoreFileFixture
{
    [Test]
    public void Open_TwoSharedStoresOnOneFile_EachReadsTheOthersCommitsWithGapFreeVersions()
    {
        using var first = TestStores.Open(StorePath, shared: true);
        using var second = TestStores.Open(StorePath, shared: true);
        var id = first.CreateDataset(new DatasetDefinition("both")).Id;

        Assert.That(second.GetDataset(id)?.Name, Is.EqualTo("both"));
        for (var round = 0; round < 4; round++)
        {
            var writer = round % 2 == 0 ? first : second;
            var reader = round % 2 == 0 ? second : first;
            var commit = writer.AddItem(id, TestStores.Draft("round " + round.ToString(CultureInfo.InvariantCulture)));

            Assert.That(commit.Version, Is.EqualTo(round + 1));
            Assert.That(reader.GetDataset(id)!.Version, Is.EqualTo(round + 1));
            Assert.That(reader.GetItem(id, commit.Items[0].Id)?.Input.ToJsonString(), Is.EqualTo(commit.Items[0].Input.ToJsonString()));
        }

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(second), Is.EqualTo(StoreDump.Of(first)));
            Assert.That(StoreDump.AllVersions(first, id).Select(v => v.Number), Is.EqualTo(new long[] { 4, 3, 2, 1 }));
        });
    }

    [Test]
    public void AddItem_ConcurrentlyThroughTwoSharedStores_UsesEveryVersionOnce()
    {
        const int CommitsEach = 8;
        using var first = TestStores.Open(StorePath, shared: true, lockTimeout: TimeSpan.FromSeconds(60));
        using var second = TestStores.Open(StorePath, shared: true, lockTimeout: TimeSpan.FromSeconds(60));
        var id = first.CreateDataset(new DatasetDefinition("race")).Id;
        var versions = new ConcurrentBag<long>();
        using var start = new Barrier(2);

        var tasks = new[] { first, second }.Select((store, s) => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var c = 0; c < CommitsEach; c++)
            {
                versions.Add(store.AddItem(id, TestStores.Draft(string.Create(CultureInfo.InvariantCulture, $"s{s} c{c}"))).Version);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        Assert.That(Task.WaitAll(tasks, TimeSpan.FromSeconds(60)), Is.True);
        var dataset = first.GetDataset(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(versions.Order(), Is.EqualTo(Enumerable.Range(1, 2 * CommitsEach).Select(v => (long)v)));
            Assert.That(dataset.Version, Is.EqualTo(2 * CommitsEach));
            Assert.That(dataset.ItemCount, Is.EqualTo(2 * CommitsEach));
            Assert.That(second.ReadItems(id).Count(), Is.EqualTo(2 * CommitsEach));
        });
    }

    [TestCase(true, false, false)]
    [TestCase(true, false, true)]
    [TestCase(false, true, false)]
    [TestCase(false, true, true)]
    public void Open_ExclusiveAndSharedTogether_SecondGetsFileLocked(bool firstShared, bool secondShared, bool secondReadOnly)
    {
        TestStores.CreateSample(StorePath);
        using var first = TestStores.Open(StorePath, shared: firstShared);

        Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: secondReadOnly, shared: secondShared).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
    }

    [Test]
    public void Open_SharedReadOnlyBesideSharedWriter_ReadsCommitsAndRefusesWrites()
    {
        TestStores.CreateSample(StorePath);
        using var writer = TestStores.Open(StorePath, shared: true);
        using var reader = TestStores.Open(StorePath, readOnly: true, shared: true);
        var alpha = writer.FindDataset("alpha")!;

        var commit = writer.AddItem(alpha.Id, TestStores.Draft("seen by the reader"));

        Assert.Multiple(() =>
        {
            Assert.That(reader.GetDataset(alpha.Id)!.Version, Is.EqualTo(commit.Version));
            Assert.That(reader.GetItem(alpha.Id, commit.Items[0].Id), Is.Not.Null);
            Assert.That(TestStores.CodeOf(() => reader.AddItem(alpha.Id, TestStores.Draft("refused"))), Is.EqualTo(ErrorCode.ReadOnly));
        });
    }

    [Test]
    public void Open_SharedOnMissingFile_CreatesStore()
    {
        using (var store = TestStores.Open(StorePath, shared: true))
        {
            var dataset = store.CreateDataset(new DatasetDefinition("new"));
            store.AddItem(dataset.Id, TestStores.Draft("first"));
        }

        Assert.That(TestStores.DumpOf(StorePath), Has.Some.Contains("name=new"));
    }

    [Test]
    public void Open_ExclusiveAfterSharedStoresClosed_HasEverything()
    {
        IReadOnlyList<string> expected;
        using (var first = TestStores.Open(StorePath, shared: true))
        using (var second = TestStores.Open(StorePath, shared: true))
        {
            SampleData.Populate(first);
            var alpha = second.FindDataset("alpha")!;
            second.AddItem(alpha.Id, TestStores.Draft("from the second"));
            expected = StoreDump.Of(first);
        }

        Assert.Multiple(() =>
        {
            Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
            Assert.That(FileState.Listing(Scratch.Path), Is.EqualTo(new[] { "store.litedb" }));
        });
    }

    [Test]
    public void Add_FromChildProcessWhileSharedHere_BothSeeAllCommitsWithGapFreeVersions()
    {
        using var store = TestStores.Open(StorePath, shared: true);
        var id = store.CreateDataset(new DatasetDefinition("across")).Id;
        store.AddItem(id, TestStores.Draft("parent 1"));

        var (exitCode, lines) = TestHostProcess.Run("add", StorePath, "across", "3", "--shared");
        Assert.That((exitCode, string.Join("|", lines)), Is.EqualTo((ExitCodes.Ok, "done 4")));

        Assert.That(store.AddItem(id, TestStores.Draft("parent 2")).Version, Is.EqualTo(5));
        var dataset = store.GetDataset(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(dataset.ItemCount, Is.EqualTo(5));
            Assert.That(store.ReadItems(id).Select(i => i.Input.GetValue<string>()),
                Is.EqualTo(new[] { "parent 1", "child item 0", "child item 1", "child item 2", "parent 2" }));
            Assert.That(StoreDump.AllVersions(store, id).Select(v => v.Number), Is.EqualTo(new long[] { 5, 4, 3, 2, 1 }));
        });
    }

    [Test]
    public void Open_ExclusiveInChildWhileSharedHere_ChildGetsFileLocked()
    {
        TestStores.CreateSample(StorePath);
        using var store = TestStores.Open(StorePath, shared: true);

        var (exitCode, lines) = TestHostProcess.Run("open", StorePath);

        Assert.That((exitCode, string.Join("|", lines)), Is.EqualTo((ExitCodes.StoreError, "error FileLocked")));
    }
}
