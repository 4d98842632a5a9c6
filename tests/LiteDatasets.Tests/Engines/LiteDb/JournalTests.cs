using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The journal beside an open store: gone after Dispose (the data file alone is a complete copy), replayed
/// after a crash, and never replayed into a data file it does not belong to.
/// </summary>
[TestFixture]
public sealed class JournalTests : StoreFileFixture
{
    private const int PageSize = 8192;

    /// <summary>Offset of LiteDB's "confirmed" flag in a page header.</summary>
    private const int ConfirmedFlagOffset = 18;

    /// <summary>Offset and length of the creation stamp in a data file's header page.</summary>

    [Test]
    public void Dispose_AfterCommits_RemovesJournalFile()
    {
        using (var store = TestStores.Open(StorePath))
        {
            SampleData.Populate(store);
            Assert.That(File.Exists(JournalPath), Is.True, "An open store keeps its journal beside the data file.");
        }

        Assert.That(FileState.Listing(Scratch.Path), Is.EqualTo(new[] { "store.litedb" }));
    }

    [Test]
    public void Open_CopyOfDataFileAloneAfterDispose_HasEveryCommit()
    {
        IReadOnlyList<string> expected;
        using (var store = TestStores.Open(StorePath))
        {
            SampleData.Populate(store);
            var alpha = store.FindDataset("alpha")!;
            store.AddItems(alpha.Id, [TestStores.Draft("late 1"), TestStores.Draft("late 2")], new WriteOptions { Message = "late" });
            expected = StoreDump.Of(store);
        }

        var copy = CopyInto("copy", includeJournal: false);

        Assert.That(TestStores.DumpOf(copy), Is.EqualTo(expected));
    }

    [Test]
    public void Open_CopyOfDataAndJournalTakenWhileOpen_HasEveryCommittedVersion()
    {
        TestStores.CreateSample(StorePath);
        string copy;
        IReadOnlyList<string> expected;
        using (var store = TestStores.Open(StorePath))
        {
            CommitSeveral(store);
            Assert.That(store.Connection.Journal!.HasPages, Is.True, "The commits after the open-time checkpoint sit in the journal.");
            expected = StoreDump.Of(store);

            // The "crash": the files as they are on disk now, while the store is still open.
            copy = CopyInto("crash", includeJournal: true);
        }

        Assert.That(TestStores.DumpOf(copy), Is.EqualTo(expected));
    }

    [Test]
    public void Open_ReadOnlyCopyOfDataAndJournalTakenWhileOpen_SeesEveryCommitAndChangesNoFile()
    {
        var (copy, expected) = CrashedCopy();
        var data = FileState.Of(copy);
        var journal = FileState.Of(copy + "-journal");
        var listing = FileState.Listing(Path.GetDirectoryName(copy)!);

        Assert.Multiple(() =>
        {
            Assert.That(TestStores.DumpOf(copy, readOnly: true), Is.EqualTo(expected));
            Assert.That(FileState.Of(copy), Is.EqualTo(data));
            Assert.That(FileState.Of(copy + "-journal"), Is.EqualTo(journal));
            Assert.That(FileState.Listing(Path.GetDirectoryName(copy)!), Is.EqualTo(listing));
        });
    }

    [Test]
    public void Open_CopyWhoseLastCommitIsUnconfirmed_HasEveryEarlierCommitAndNotThatOne()
    {
        TestStores.CreateSample(StorePath);
        string copy;
        IReadOnlyList<string> beforeLast;
        using (var store = TestStores.Open(StorePath))
        {
            var alpha = store.FindDataset("alpha")!;
            store.AddItem(alpha.Id, TestStores.Draft("kept 1"));
            store.AddItem(alpha.Id, TestStores.Draft("kept 2"));
            beforeLast = StoreDump.Of(store);
            store.AddItem(alpha.Id, TestStores.Draft("torn"));
            copy = CopyInto("torn", includeJournal: true);
        }

        // Tear the last commit: its confirming page (the journal's last page) lost the flag that LiteDB trusts.
        using (var journal = new FileStream(copy + "-journal", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            Assert.That(journal.Length % PageSize, Is.Zero);
            journal.Position = journal.Length - PageSize + ConfirmedFlagOffset;
            Assert.That(journal.ReadByte(), Is.EqualTo(1), "The journal's last page confirms the last commit.");
            journal.Position = journal.Length - PageSize + ConfirmedFlagOffset;
            journal.WriteByte(0);
        }

        Assert.That(TestStores.DumpOf(copy), Is.EqualTo(beforeLast));
    }

    [Test]
    public void Open_JournalOfAnotherStoreBesideDataFile_IsNotReplayedAndIsSetAside()
    {
        var otherPath = Scratch.File("other.litedb");
        TestStores.CreateSample(otherPath);
        byte[] foreignJournal;
        using (var other = TestStores.Open(otherPath))
        {
            CommitSeveral(other);
            foreignJournal = UnlockedFile.ReadAllBytes(otherPath + "-journal");
        }

        Assert.That(foreignJournal, Has.Length.GreaterThan(PageSize), "The other store's journal holds commits.");
        File.Delete(otherPath);

        using (var store = TestStores.Open(StorePath))
        {
            var own = store.CreateDataset(new DatasetDefinition("own"));
            store.AddItem(own.Id, TestStores.Draft("mine"));
        }

        var expected = TestStores.DumpOf(StorePath);
        Assert.That(JournalHeader.ReadOwners(new MemoryStream(foreignJournal))?.Owner, Is.Not.EqualTo(StateIdOf(StorePath)), "The two stores have different identities.");
        File.WriteAllBytes(JournalPath, foreignJournal);

        AssertStaleJournalSetAside(expected, foreignJournal);
    }

    [Test]
    public void Open_GarbageJournalBesideDataFile_IsNotReplayedAndIsSetAside()
    {
        var expected = TestStores.CreateSample(StorePath);
        var garbage = new byte[3 * PageSize];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(JournalPath, garbage);

        AssertStaleJournalSetAside(expected, garbage);
    }

    [Test]
    public void Open_OwnJournalFromAnEarlierStateOfTheFile_IsNotReplayedIntoALaterState()
    {
        // A crash leaves data file D (at some version) and journal J (with the commits after it).
        TestStores.CreateSample(StorePath);
        string crashed;
        using (var store = TestStores.Open(StorePath))
        {
            var alpha = store.FindDataset("alpha")!;
            store.AddItems(alpha.Id, [TestStores.Draft("only in the journal 1"), TestStores.Draft("only in the journal 2")]);
            store.AddItem(alpha.Id, TestStores.Draft("only in the journal 3"));
            crashed = CopyInto("crashed", includeJournal: true);
        }

        var staleJournal = File.ReadAllBytes(crashed + "-journal");

        // Someone copies D alone elsewhere, keeps working on it (the journal's commits never reach it) and closes it.
        var moved = Scratch.File("moved.litedb");
        File.Copy(crashed, moved);
        using (var store = TestStores.Open(moved))
        {
            var alpha = store.FindDataset("alpha")!;
            store.AddItem(alpha.Id, TestStores.Draft("written after the move"));
            store.DeleteItem(alpha.Id, store.ReadItems(alpha.Id).First().Id);
            var beta = store.FindDataset("beta")!;
            store.AddItems(beta.Id, Enumerable.Range(0, 60).Select(i => TestStores.Draft("later " + i)));
        }

        var expected = TestStores.DumpOf(moved);

        // ...and copies the newer file back, where the old journal still lies.
        File.Copy(moved, crashed, overwrite: true);

        using var reopened = TestStores.Open(crashed);
        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(reopened), Is.EqualTo(expected));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(crashed)!).Any(f => UnlockedFile.ReadAllBytes(f).AsSpan().SequenceEqual(staleJournal)), Is.True,
                "The stale journal is kept for inspection, not deleted.");
        });
    }

    [Test]
    public void Open_LiteDbLogOfAnotherDatabaseBesideStore_IsNotReplayed()
    {
        var expected = TestStores.CreateSample(StorePath);

        // LiteDB's own log (which the store replays after a crashed shared-mode session) left by another database.
        var otherDirectory = Path.Combine(Scratch.Path, "other");
        Directory.CreateDirectory(otherDirectory);
        var otherPath = Path.Combine(otherDirectory, "store.litedb");
        byte[] foreignLog;
        using (var other = new LiteDatabase(otherPath))
        {
            var people = other.GetCollection("people");
            for (var i = 0; i < 50; i++)
            {
                people.Insert(new BsonDocument { ["name"] = "person " + i, ["bio"] = new string('b', 500) });
            }

            foreignLog = UnlockedFile.ReadAllBytes(Path.Combine(otherDirectory, "store-log.litedb"));
        }

        Assert.That(foreignLog, Has.Length.GreaterThan(0), "The other database's log holds commits.");
        var logPath = Scratch.File("store-log.litedb");
        File.WriteAllBytes(logPath, foreignLog);

        using var store = TestStores.Open(StorePath);
        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
            Assert.That(Directory.GetFiles(Scratch.Path).Any(f => UnlockedFile.ReadAllBytes(f).AsSpan().SequenceEqual(foreignLog)), Is.True,
                "The foreign log is kept for inspection, not deleted.");
        });
    }

    [Test]
    public void AddItems_WhileReadersNeverStop_TheJournalIsStillMovedIntoTheDataFile()
    {
        const long Threshold = 8 * 1024 * 1024;
        using var store = TestStores.Open(StorePath, durable: false);
        var id = store.CreateDataset(new DatasetDefinition("busy")).Id;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                store.ListItems(id);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        long largest = 0, largestCommit = 0;
        try
        {
            for (var i = 0; i < 40; i++)
            {
                var before = store.Connection.Journal!.PagesLength;
                store.AddItems(id, Enumerable.Range(0, 100).Select(j => TestStores.Draft(new string('b', 2000))));
                var after = store.Connection.Journal!.PagesLength;
                largest = Math.Max(largest, after);
                largestCommit = Math.Max(largestCommit, after - before);
            }
        }
        finally
        {
            stop.Cancel();
            Task.WaitAll(readers);
        }

        Assert.That(largest, Is.LessThan(Threshold + largestCommit), "A write that takes the journal past the threshold checkpoints before it returns.");
    }

    [TestCase(1)]
    [TestCase(4096)]
    [TestCase(8191)]
    public void Open_DataFileEndingInPartOfAPageBesideItsJournal_CompletesThePageAndKeepsEveryCommit(int partial)
    {
        var (crashed, expected) = CrashedCopy();

        // A checkpoint cut off while it grew the data file: part of a page at the end, every page still in the journal.
        var tail = new byte[partial];
        new Random(partial).NextBytes(tail);
        using (var data = new FileStream(crashed, FileMode.Append))
        {
            data.Write(tail);
        }

        using (var store = TestStores.Open(crashed))
        {
            Assert.Multiple(() =>
            {
                Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.That(new FileInfo(crashed).Length % PageSize, Is.Zero);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Open_DataFileEndingInPartOfAPageWithoutAJournal_FileCorruptAndUnchanged(bool readOnly)
    {
        TestStores.CreateSample(StorePath);
        using (var data = new FileStream(StorePath, FileMode.Append))
        {
            data.Write(new byte[4096]);
        }

        var before = FileState.Of(StorePath);

        Assert.Multiple(() =>
        {
            Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: readOnly).Dispose()), Is.EqualTo(ErrorCode.FileCorrupt));
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before));
            Assert.That(FileState.Listing(Scratch.Path), Is.EqualTo(new[] { "store.litedb" }));
        });
    }

    private void AssertStaleJournalSetAside(IReadOnlyList<string> expected, byte[] staleBytes)
    {
        using (var store = TestStores.Open(StorePath))
        {
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
        }

        var setAside = Directory.GetFiles(Scratch.Path, "store.litedb-journal.stale-*");
        Assert.Multiple(() =>
        {
            Assert.That(setAside, Has.Length.EqualTo(1));
            Assert.That(setAside.Select(File.ReadAllBytes), Has.One.EqualTo(staleBytes));
            Assert.That(File.Exists(JournalPath), Is.False, "The store's own (empty) journal is removed on Dispose.");
            Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
            Assert.That(Directory.GetFiles(Scratch.Path, "store.litedb-journal.stale-*"), Is.EqualTo(setAside));
        });
    }

    /// <summary>Adds a few commits of every kind to a store that holds <see cref="SampleData"/>.</summary>
    private static void CommitSeveral(DatasetStore store)
    {
        var alpha = store.FindDataset("alpha")!;
        var added = store.AddItems(alpha.Id, [TestStores.Draft("journal 1"), TestStores.Draft("journal 2")], new WriteOptions { Message = "in the journal" });
        store.UpdateItem(alpha.Id, added.Items[0].Id, new ItemPatch { ExpectedOutput = System.Text.Json.Nodes.JsonValue.Create("one") });
        store.DeleteItem(alpha.Id, added.Items[1].Id);
        store.TagVersion(alpha.Id, added.Version, "journal-tag");
        var gamma = store.CreateDataset(new DatasetDefinition("gamma"));
        store.AddItems(gamma.Id, Enumerable.Range(0, 30).Select(i => TestStores.Draft("gamma " + i)));
    }

    /// <summary>
    /// The files of a crash: a copy of the sample store's data file and journal taken while it was open with
    /// several commits in the journal, and what the store held then.
    /// </summary>
    private (string Copy, IReadOnlyList<string> Expected) CrashedCopy()
    {
        TestStores.CreateSample(StorePath);
        using var store = TestStores.Open(StorePath);
        CommitSeveral(store);
        return (CopyInto("crash", includeJournal: true), StoreDump.Of(store));
    }

    /// <summary>The state id of a closed data file: what a journal must name to be replayed into it.</summary>
    private static Guid? StateIdOf(string dataPath)
    {
        using var store = TestStores.Open(dataPath, readOnly: true);
        return StoreSchema.ReadStateId(store.Connection.Database);
    }
}
