using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Group commit as the store uses it: a writer commits, lets the next writer in, then syncs. While a commit waits for
/// its sync, nothing that shows it may leave the store before it is durable: not what a write that changed nothing
/// returns, not a backup; and closing syncs it even when its writer is still waiting (the journal alone is tested in
/// <see cref="GroupCommitTests"/>). Each test holds the first writer's sync through the journal's probe.
/// </summary>
[TestFixture]
public sealed class StoreGroupCommitTests : StoreFileFixture
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private SemaphoreSlim _syncHeld = null!;
    private ManualResetEventSlim _releaseSync = null!;
    private SemaphoreSlim _wanted = null!;
    private JournalFile _journal = null!;
    private int _holdNextSync;
    private int _watchWanted;
    private int _failOtherSyncs;
    private int _failedSyncs;

    [SetUp]
    public void CreateSignals()
    {
        (_syncHeld, _releaseSync, _wanted) = (new SemaphoreSlim(0), new ManualResetEventSlim(false), new SemaphoreSlim(0));
        (_holdNextSync, _watchWanted, _failOtherSyncs, _failedSyncs) = (0, 0, 0, 0);
    }

    [TearDown]
    public void DisposeSignals()
    {
        // A sync still held after a failed test goes on, so that its writer ends; the event is left to the collector,
        // as the writer may still be waking on it.
        _releaseSync.Set();
        _syncHeld.Dispose();
        _wanted.Dispose();
    }

    [Test]
    public async Task Write_ChangingNothingWhileTheCommitItSeesWaitsForItsSync_ReturnsOnlyOnceThatCommitIsDurable()
    {
        using var store = TestStores.Open(StorePath, durable: true);
        var journal = Probed(store);
        var dataset = store.CreateDataset(new DatasetDefinition("items"));
        store.AddItem(dataset.Id, TestStores.Draft("first"));
        var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition());
        var update = new ExperimentUpdate { Description = "tuned" };

        // An experiment's row lock alone serialises the two (a dataset's lock would keep the second out until the sync).
        var (writer, commit) = await CommitWithHeldSync(() => store.UpdateExperiment(experiment.Id, update));
        var again = Task.Run(() => (Experiment: store.UpdateExperiment(experiment.Id, update), Durable: journal.IsDurable(commit)));
        await Task.WhenAny(again, _wanted.WaitAsync(Timeout));
        _releaseSync.Set();
        await writer.WaitAsync(Timeout);
        var returned = await again.WaitAsync(Timeout);

        Assert.Multiple(() =>
        {
            Assert.That(returned.Experiment.Description, Is.EqualTo("tuned"), "The second call changed nothing and returned what the first one committed.");
            Assert.That(returned.Durable, Is.True, "It returned only once that commit was on stable storage.");
        });
    }

    [Test]
    public async Task AddItem_TwoMoreToTheSameDatasetWhileTheFirstCommitWaitsForItsSync_CommitAndShareTheNextSync()
    {
        using var store = TestStores.Open(StorePath, durable: true);
        var journal = Probed(store);
        var dataset = store.CreateDataset(new DatasetDefinition("items"));
        var syncsBefore = journal.SyncCount;

        // The dataset's lock is let go once the first commit is written: the next writers of the dataset need not wait for its sync.
        var (first, commit) = await CommitWithHeldSync(() => store.AddItem(dataset.Id, TestStores.Draft("first")));
        var later = new[] { "second", "third" }.Select(input => Task.Run(() => store.AddItem(dataset.Id, TestStores.Draft(input)))).ToArray();
        Assert.That(await _wanted.WaitAsync(Timeout) && await _wanted.WaitAsync(Timeout), Is.True, "Both later writers committed and want their sync.");
        var committedMeanwhile = journal.LastCommit - commit;
        _releaseSync.Set();
        var versions = (await Task.WhenAll(later.Prepend(first)).WaitAsync(Timeout)).Select(c => c.Version);

        Assert.Multiple(() =>
        {
            Assert.That(committedMeanwhile, Is.EqualTo(2), "Both committed while the first sync was held.");
            Assert.That(versions, Is.EquivalentTo(new[] { 1L, 2L, 3L }));
            Assert.That(journal.SyncCount - syncsBefore, Is.EqualTo(2), "One sync for the first commit, one shared by the two after it.");
            Assert.That(journal.IsDurable(journal.LastCommit), Is.True);
        });
    }

    [Test]
    public async Task Backup_WhileACommitWaitsForItsSync_CopiesItOnlyOnceItIsDurable()
    {
        using var store = TestStores.Open(StorePath, durable: true);
        var journal = Probed(store);
        var backup = Scratch.File("backup.litedb");

        var (writer, commit) = await CommitWithHeldSync(() => store.CreateDataset(new DatasetDefinition("before the backup")));
        var durableWhenCopied = new List<bool>();
        var copy = Task.Run(() => store.Backup(backup, copied: _ => durableWhenCopied.Add(journal.IsDurable(commit))));
        await Task.WhenAny(copy, _wanted.WaitAsync(Timeout));
        _releaseSync.Set();
        await writer.WaitAsync(Timeout);
        await copy.WaitAsync(Timeout);

        using var restored = TestStores.Open(backup);
        Assert.Multiple(() =>
        {
            Assert.That(durableWhenCopied, Is.Not.Empty.And.All.True, "Every collection was copied after the commit was synced.");
            Assert.That(restored.FindDataset("before the backup"), Is.Not.Null, "The copy holds the commit.");
        });
    }

    [Test]
    public async Task Dispose_CheckpointFailsWhileAWriterWaitsForItsSync_SyncsTheJournalBeforeClosingIt()
    {
        var store = TestStores.Open(StorePath, durable: true);
        var journal = Probed(store);

        var (writer, commit) = await CommitWithHeldSync(() => store.CreateDataset(new DatasetDefinition("before closing")));

        // The closing checkpoint's own syncs fail (a disk that refuses them), so it makes nothing durable.
        Volatile.Write(ref _failOtherSyncs, 1);
        var closing = Task.Run(store.Dispose);
        await Task.WhenAny(closing, _wanted.WaitAsync(Timeout));
        _releaseSync.Set();
        await closing.WaitAsync(Timeout);
        Volatile.Write(ref _failOtherSyncs, 0);

        Assert.That(_failedSyncs, Is.Positive, "The checkpoint tried to sync, and failed.");
        Assert.That(async () => await writer.WaitAsync(Timeout), Throws.Nothing, "The writer's commit was synced before the journal closed.");
        Assert.That(journal.IsDurable(commit), Is.True);
        using var reopened = TestStores.Open(StorePath);
        Assert.That(reopened.FindDataset("before closing"), Is.Not.Null, "The next open keeps the commit.");
    }

    /// <summary>Puts the probe on the store's journal: it holds the next sync once asked to, and reports calls that want a sync while one is held.</summary>
    private JournalFile Probed(DatasetStore store)
    {
        var journal = _journal = store.Connection.Journal!;
        journal.Probe = new JournalSyncProbe
        {
            Wanted = _ =>
            {
                if (Volatile.Read(ref _watchWanted) == 1)
                {
                    _wanted.Release();
                }
            },
            Syncing = () =>
            {
                if (Interlocked.Exchange(ref _holdNextSync, 0) == 1)
                {
                    _syncHeld.Release();
                    _releaseSync.Wait(Timeout);
                }
                else if (Volatile.Read(ref _failOtherSyncs) == 1)
                {
                    Interlocked.Increment(ref _failedSyncs);
                    throw new IOException("The disk refused to sync.");
                }
            },
        };
        return journal;
    }

    /// <summary>
    /// Starts a write whose commit's sync is held, and returns once the commit is written (and the writer lock let go):
    /// the write, and the number of its commit. From then on, every call that wants a sync is reported.
    /// </summary>
    private async Task<(Task<T> Writer, long Commit)> CommitWithHeldSync<T>(Func<T> write)
    {
        Volatile.Write(ref _holdNextSync, 1);
        var writer = Task.Run(write);
        Assert.That(await _syncHeld.WaitAsync(Timeout), Is.True, "The write committed and began its sync.");
        var commit = _journal.LastCommit;
        Assert.That(_journal.IsDurable(commit), Is.False, "The commit waits for the sync held.");
        Volatile.Write(ref _watchWanted, 1);
        return (writer, commit);
    }
}
