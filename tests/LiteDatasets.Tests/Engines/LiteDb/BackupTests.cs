using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>Backup(path) writes a consistent, complete single-file copy of an open store.</summary>
[TestFixture]
public sealed class BackupTests : StoreFileFixture
{
    private string _backupDirectory = null!;
    private string _backup = null!;

    [SetUp]
    public void CreateBackupDirectory()
    {
        _backupDirectory = Scratch.File("backups");
        Directory.CreateDirectory(_backupDirectory);
        _backup = Path.Combine(_backupDirectory, "backup.litedb");
    }

    [Test]
    public void Backup_OpenStoreWithHistory_WritesSeparateStoreWithIdenticalContent()
    {
        var clock = new FakeClock();
        using var store = TestStores.Open(StorePath, clock: clock);
        SampleData.Populate(store, clock);
        var alpha = store.FindDataset("alpha")!;
        store.MoveTag(alpha.Id, "golden", 2);
        var experiment = store.CreateExperiment(alpha.Id, new ExperimentDefinition { Tag = "golden", Repetitions = 2 });
        store.RecordResults(experiment.Id, store.ReadItems(alpha.Id, experiment.DatasetVersion).Select(i => new ResultDraft(i.Id)
        {
            Output = JsonNode.Parse("""{"b":1.0,"a":"x"}"""),
            Scores = [new ScoreDraft("exact") { Value = 1 }, new ScoreDraft("Exact") { Passed = false }],
        }));
        var expected = StoreDump.Of(store);

        store.Backup(_backup);

        Assert.That(FileState.Listing(_backupDirectory), Is.EqualTo(new[] { "backup.litedb" }), "No side file is needed or left.");
        using var copy = TestStores.Open(_backup);
        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(copy), Is.EqualTo(expected));
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected), "The store itself is unchanged.");
        });
    }

    [Test]
    public void Backup_ThenMoreWrites_BackupKeepsTheStateItWasTakenAt()
    {
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);
        store.Backup(_backup);

        var alpha = store.FindDataset("alpha")!;
        store.AddItem(alpha.Id, TestStores.Draft("after the backup"));
        store.DeleteDataset(store.FindDataset("beta")!.Id);

        Assert.That(TestStores.DumpOf(_backup), Is.EqualTo(expected));
    }

    [TestCase("another-store")]
    [TestCase("junk")]
    public void Backup_OverExistingFile_ReplacesIt(string existing)
    {
        if (existing == "junk")
        {
            File.WriteAllText(_backup, "not a store");
        }
        else
        {
            using var other = TestStores.Open(_backup);
            var dataset = other.CreateDataset(new DatasetDefinition("other"));
            other.AddItem(dataset.Id, TestStores.Draft("other data"));
        }

        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);

        store.Backup(_backup);

        Assert.Multiple(() =>
        {
            Assert.That(FileState.Listing(_backupDirectory), Is.EqualTo(new[] { "backup.litedb" }));
            Assert.That(TestStores.DumpOf(_backup), Is.EqualTo(expected));
        });
    }

    [TestCase("same")]
    [TestCase("detour")]
    public void Backup_ToTheStoresOwnPath_ThrowsArgumentExceptionAndChangesNothing(string spelling)
    {
        Directory.CreateDirectory(Scratch.File("sub"));
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);
        var target = spelling == "same" ? StorePath : Path.Combine(Scratch.Path, "sub", "..", "store.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(() => store.Backup(target), Throws.InstanceOf<ArgumentException>());
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
        });

        var alpha = store.FindDataset("alpha")!;
        Assert.That(store.AddItem(alpha.Id, TestStores.Draft("still writable")).Version, Is.EqualTo(alpha.Version + 1));
    }

    [Test]
    public void Backup_OfMemoryStore_WritesFileThatOpens()
    {
        using var store = DatasetStore.OpenInMemory();
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);

        store.Backup(_backup);

        Assert.That(TestStores.DumpOf(_backup), Is.EqualTo(expected));
    }

    [Test]
    public void Backup_OfReadOnlyStore_WritesFileThatOpens()
    {
        var expected = TestStores.CreateSample(StorePath);
        var before = FileState.Of(StorePath);
        using (var store = TestStores.Open(StorePath, readOnly: true))
        {
            store.Backup(_backup);
        }

        Assert.Multiple(() =>
        {
            Assert.That(TestStores.DumpOf(_backup), Is.EqualTo(expected));
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
        });
    }

    [Test]
    public void Backup_AfterDispose_ThrowsObjectDisposed()
    {
        var store = TestStores.Open(StorePath);
        store.Dispose();

        Assert.Multiple(() =>
        {
            Assert.That(() => store.Backup(_backup), Throws.TypeOf<ObjectDisposedException>());
            Assert.That(File.Exists(_backup), Is.False);
        });
    }

    [Test]
    public void Backup_WhileWritersRun_EveryBackupIsAConsistentSnapshot()
    {
        const int Writers = 4;
        const int CommitsEach = 20;
        const int BatchSize = 2;
        using var store = TestStores.Open(StorePath, lockTimeout: TimeSpan.FromSeconds(60));
        var ids = Enumerable.Range(0, Writers).Select(w => store.CreateDataset(new DatasetDefinition("d" + w.ToString(CultureInfo.InvariantCulture))).Id).ToArray();
        using var start = new Barrier(Writers + 1);
        using var halfway = new CountdownEvent(Writers);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            for (var c = 0; c < CommitsEach; c++)
            {
                store.AddItems(ids[w], Enumerable.Range(0, BatchSize).Select(k => TestStores.Draft(Input(w, c, k))));
                if (c == CommitsEach / 2)
                {
                    halfway.Signal();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        start.SignalAndWait();
        var backups = new List<string>();
        for (var b = 0; b < 3; b++)
        {
            if (b == 1)
            {
                Assert.That(halfway.Wait(TimeSpan.FromSeconds(60)), Is.True);
            }

            var path = Path.Combine(_backupDirectory, "during-" + b.ToString(CultureInfo.InvariantCulture) + ".litedb");
            store.Backup(path);
            backups.Add(path);
        }

        Assert.That(Task.WaitAll(writers, TimeSpan.FromSeconds(60)), Is.True, "The writers finished.");
        store.Backup(_backup);

        Assert.Multiple(() =>
        {
            foreach (var path in backups)
            {
                AssertBackupHoldsWholeCommits(path, ids, BatchSize);
            }

            Assert.That(TestStores.DumpOf(_backup), Is.EqualTo(StoreDump.Of(store)));
        });
    }

    /// <summary>Checks that the backup at <paramref name="path"/> holds, for every dataset, whole commits of <paramref name="batchSize"/> items and nothing else.</summary>
    private static void AssertBackupHoldsWholeCommits(string path, string[] ids, int batchSize)
    {
        using var copy = TestStores.Open(path);
        for (var w = 0; w < ids.Length; w++)
        {
            var dataset = copy.GetDataset(ids[w])!;
            Assert.That(dataset.ItemCount, Is.EqualTo(dataset.Version * batchSize), path);
            Assert.That(StoreDump.AllVersions(copy, ids[w]).Select(v => v.Number), Is.EqualTo(Enumerable.Range(1, (int)dataset.Version).Select(n => (long)n).Reverse()), path);
            for (long n = 0; n <= dataset.Version; n++)
            {
                Assert.That(copy.ReadItems(ids[w], n).Select(i => i.Input.GetValue<string>()), Is.EqualTo(ModelAt(w, n)), $"{path}: dataset {w} at version {n}");
            }
        }

        IEnumerable<string> ModelAt(int w, long version) =>
            Enumerable.Range(0, (int)version).SelectMany(c => Enumerable.Range(0, batchSize).Select(k => Input(w, c, k)));
    }

    private static string Input(int writer, int commit, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"w{writer} c{commit} k{index}");
}
