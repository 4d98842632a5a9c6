using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Group commit in the journal: with syncs deferred, commits written while a sync runs share the next one, a commit
/// counts as durable only once a sync that began after it ends, and whatever is torn among commits not yet synced,
/// recovery keeps every synced commit and each whole one after it.
/// </summary>
[TestFixture]
public sealed class GroupCommitTests
{
    private const int PageSize = 8192;
    private const int ConfirmedFlagOffset = 18;

    [Test]
    public async Task SyncThrough_CommitsWrittenWhileASyncRuns_ShareTheNextSync()
    {
        using var syncStarted = new SemaphoreSlim(0);
        using var releaseSync = new ManualResetEventSlim(false);
        var blockNext = false;
        var started = 0;
        var (stream, journal) = NewJournal(() =>
        {
            Interlocked.Increment(ref started);
            if (blockNext)
            {
                blockNext = false;
                syncStarted.Release();
                releaseSync.Wait(TimeSpan.FromSeconds(30));
            }
        });
        var startedBefore = started;
        blockNext = true;

        var first = WriteCommit(journal, 1);
        var firstSync = Task.Run(() => journal.SyncThrough(first));
        Assert.That(await syncStarted.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "The first sync began.");
        var second = WriteCommit(journal, 2);
        var third = WriteCommit(journal, 3);
        var laterSync = Task.Run(() => journal.SyncThrough(third));

        Assert.Multiple(() =>
        {
            Assert.That(started - startedBefore, Is.EqualTo(1), "Commits 2 and 3 were written without a sync of their own.");
            Assert.That((firstSync.IsCompleted, laterSync.IsCompleted), Is.EqualTo((false, false)), "Neither is durable before its sync ends.");
        });

        releaseSync.Set();
        await Task.WhenAll(firstSync, laterSync).WaitAsync(TimeSpan.FromSeconds(30));
        journal.SyncThrough(second);

        Assert.Multiple(() =>
        {
            Assert.That(started - startedBefore, Is.EqualTo(2), "One sync for the first commit, one for the two written during it.");
            Assert.That(CommittedLength(stream.ToArray()), Is.EqualTo(stream.Length), "Recovery keeps all three.");
        });
    }

    [Test]
    public void Commit_RingOfRecordsFull_SyncsBeforeOverwritingTheSyncedRecord()
    {
        var (stream, journal) = NewJournal(static () => { });
        var syncs = new List<long>();

        for (var i = 1; i <= (2 * CommitRecord.SlotOffsets.Length) + 1; i++)
        {
            var before = journal.SyncCount;
            WriteCommit(journal, (byte)i);
            syncs.Add(journal.SyncCount - before);
        }

        // The synced record holds one slot; the others take commits until the next would overwrite it.
        var slots = CommitRecord.SlotOffsets.Length;
        var expected = Enumerable.Range(1, syncs.Count).Select(i => i == slots || i == (2 * slots) - 1 ? 1L : 0L);
        Assert.Multiple(() =>
        {
            Assert.That(syncs, Is.EqualTo(expected));
            Assert.That(CommittedLength(stream.ToArray()), Is.EqualTo(stream.Length));
        });
    }

    [Test]
    public void Scan_CommitsNotYetSynced_KeepsEachWholeOneAndCutsAtTheFirstTornOne()
    {
        var (stream, journal) = NewJournal(static () => { });
        journal.SyncThrough(WriteCommit(journal, 1));
        var syncedEnd = journal.CommittedLength;
        var ends = new List<long>();
        for (byte fill = 2; fill <= 4; fill++)
        {
            WriteCommit(journal, fill);
            ends.Add(stream.Length);
        }

        var whole = stream.ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(CommittedLength(whole), Is.EqualTo(ends[2]), "every commit whole");
            for (var torn = 0; torn < ends.Count; torn++)
            {
                // A byte inside commit `torn` never reached the disk: it and every commit after it are cut.
                var bytes = (byte[])whole.Clone();
                var start = torn == 0 ? syncedEnd : ends[torn - 1];
                bytes[start + 100] ^= 0xFF;
                Assert.That(CommittedLength(bytes), Is.EqualTo(start), $"commit {torn + 2} torn");
            }
        });
    }

    [Test]
    public void TruncateToCommitted_PowerCutBeforeItsSync_LeavesTheSyncedRecordStanding()
    {
        byte[]? atCut = null;
        MemoryStream stream = null!;
        var cutNext = false;
        (stream, var journal) = NewJournal(() =>
        {
            if (cutNext)
            {
                atCut = stream.ToArray();
                throw new IOException("the power went");
            }
        });
        for (byte fill = 1; fill <= 3; fill++)
        {
            journal.SyncThrough(WriteCommit(journal, fill));
        }

        var acknowledged = stream.Length;
        var before = stream.ToArray();

        // A write that failed half-way leaves a page behind; cutting it back starts the ring again with a base record.
        var view = journal.OpenView(frozen: false);
        view.Position = view.Length;
        view.Write(new byte[PageSize], 0, PageSize);
        cutNext = true;
        Assert.That(journal.TruncateToCommitted, Throws.TypeOf<IOException>());

        // The base record may or may not have reached the disk; the slots it did not write are as they were.
        var written = CommitRecord.SlotOffsets.Where(o => !before.AsSpan(o, CommitRecord.Size).SequenceEqual(atCut!.AsSpan(o, CommitRecord.Size))).ToList();
        var notLanded = (byte[])atCut!.Clone();
        written.ForEach(o => before.AsSpan(o, CommitRecord.Size).CopyTo(notLanded.AsSpan(o)));
        Assert.Multiple(() =>
        {
            Assert.That(written, Has.Count.EqualTo(1), "one slot written: the base record");
            Assert.That(CommittedLength(atCut), Is.EqualTo(acknowledged), "the base record landed");
            Assert.That(CommittedLength(notLanded), Is.EqualTo(acknowledged), "it did not");
        });
    }

    /// <summary>A durable journal whose syncs are left to the caller, on a new memory stream, with its header written.</summary>
    private static (MemoryStream Stream, JournalFile Journal) NewJournal(Action sync)
    {
        var stream = new MemoryStream();
        var journal = new JournalFile(stream, sync, durable: true) { DeferSyncs = true };
        journal.SetOwners(Guid.NewGuid(), Guid.Empty);
        return (stream, journal);
    }

    /// <summary>Writes a commit of two pages (the second confirms it) at the end of the journal; returns its number.</summary>
    private static long WriteCommit(JournalFile journal, byte fill)
    {
        var view = journal.OpenView(frozen: false);
        view.Position = view.Length;
        foreach (var confirmed in new[] { false, true })
        {
            var page = new byte[PageSize];
            Array.Fill(page, fill);
            page[ConfirmedFlagOffset] = confirmed ? (byte)1 : (byte)0;
            view.Write(page, 0, page.Length);
        }

        return journal.LastCommit;
    }

    /// <summary>Where recovery finds the last whole commit of the journal bytes.</summary>
    private static long CommittedLength(byte[] bytes)
    {
        var file = new JournalFile(new MemoryStream(bytes, writable: false), static () => { }, durable: true);
        file.Scan();
        return file.CommittedLength;
    }
}
