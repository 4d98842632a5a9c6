namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// A backup reads one point in time without holding the store: while it is paused half-way, reads and writes of
/// the same store complete (with a lock timeout far shorter than the pause), and the backup holds the state it
/// started from, none of what was written meanwhile.
/// </summary>
[TestFixture]
public sealed class BackupWhileBusyTests : StoreFileFixture
{
    /// <summary>How long a call may take while the backup is paused; a call that waited for it would time out.</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(20);

    [Test]
    public void Backup_PausedHalfWay_ReadsAndWritesGoOnAndTheCopyIsTheStateItStartedFrom()
    {
        using var store = TestStores.Open(StorePath, lockTimeout: TimeSpan.FromMilliseconds(500));
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);
        var alpha = store.FindDataset("alpha")!;
        var backup = Scratch.File("backup.litedb");
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();

        var copying = Task.Run(() => store.Backup(backup, copied: name =>
        {
            if (name == "revisions")
            {
                paused.Set();
                resume.Wait(TestHostProcess.StepTimeout);
            }
        }));
        Assert.That(paused.Wait(TestHostProcess.StepTimeout), Is.True, "The backup reached its pause.");

        var calls = Task.Run(() =>
        {
            var items = store.ReadItems(alpha.Id).Count();
            var added = store.AddItem(alpha.Id, TestStores.Draft("written during the backup"));
            store.DeleteDataset(store.FindDataset("beta")!.Id);
            return (items, added.Version);
        });
        var finished = calls.Wait(CallLimit);
        resume.Set();
        copying.Wait(TestHostProcess.StepTimeout);

        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True, "Reads and writes did not wait for the backup.");
            Assert.That(calls.Result.items, Is.EqualTo(alpha.ItemCount));
            Assert.That(calls.Result.Version, Is.EqualTo(alpha.Version + 1));
            Assert.That(TestStores.DumpOf(backup), Is.EqualTo(expected), "The backup holds the state it started from.");
            Assert.That(StoreDump.Of(store), Is.Not.EqualTo(expected), "The store holds the writes made meanwhile.");
        });
    }

    [Test]
    public void Backup_WhileAWriteHoldsTheWriterLock_WaitsForItAndCopiesItsCommit()
    {
        using var store = TestStores.Open(StorePath);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;
        var backup = Scratch.File("backup.litedb");
        using var writing = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();

        // An import's drafts are read inside its write: pausing them holds the write open.
        var import = Task.Run(() => store.ImportItems(id, Drafts()));
        Assert.That(writing.Wait(TestHostProcess.StepTimeout), Is.True);
        var copying = Task.Run(() => store.Backup(backup));
        finish.Set();
        Assert.That(Task.WaitAll([import, copying], TestHostProcess.StepTimeout), Is.True);

        Assert.That(TestStores.DumpOf(backup), Is.EqualTo(StoreDump.Of(store)), "The backup began after the write's commit, never inside it.");

        IEnumerable<ItemDraft> Drafts()
        {
            yield return TestStores.Draft("first");
            writing.Set();
            finish.Wait(TestHostProcess.StepTimeout);
            yield return TestStores.Draft("second");
        }
    }
}
