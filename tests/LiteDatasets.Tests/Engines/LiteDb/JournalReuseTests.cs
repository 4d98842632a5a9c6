using System.Buffers.Binary;
using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// A durable store keeps its journal file when a checkpoint empties it and writes the next commits over the old
/// pages. Whatever a crash leaves of that file — an earlier journal's whole commits after the current pages, a commit
/// torn over an earlier journal's bytes — an open replays exactly the commits that returned.
/// </summary>
[TestFixture]
public sealed class JournalReuseTests : StoreFileFixture
{
    private const int PageSize = StoreFormat.PageSize;

    [Test]
    public void Checkpoint_DurableStore_KeepsTheFileAndTheNextCommitsWriteOverIt()
    {
        using var store = TestStores.Open(StorePath);
        var journal = store.Connection.Journal!;
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;
        var kept = CommitUntilCheckpoint(store, id);

        Assert.That(journal.HasPages, Is.False, "The checkpoint emptied the journal.");
        Assert.That(kept, Is.GreaterThan(4L * 1024 * 1024), "The file kept the space of the pages the checkpoint moved.");

        for (var i = 0; i < 5; i++)
        {
            store.AddItem(id, TestStores.Draft("after " + i));
        }

        Assert.Multiple(() =>
        {
            Assert.That(journal.HasPages, Is.True);
            Assert.That(journal.Length, Is.LessThan(kept));
            Assert.That(new FileInfo(JournalPath).Length, Is.EqualTo(kept), "The commits wrote over the kept pages; the file did not grow.");
        });
    }

    [Test]
    public void Open_CrashAfterCommitsOverAnEarlierJournal_ReplaysExactlyTheCurrentCommits()
    {
        string copy;
        IReadOnlyList<string> expected;
        long length;
        using (var store = TestStores.Open(StorePath))
        {
            var id = store.CreateDataset(new DatasetDefinition("d")).Id;
            CommitUntilCheckpoint(store, id);
            store.AddItem(id, TestStores.Draft("after the checkpoint"));
            store.UpdateDataset(id, new DatasetUpdate { Description = "changed after the checkpoint" });
            expected = Contents(store);
            length = store.Connection.Journal!.Length;
            copy = CopyInto("crash");
        }

        // The earlier journal's whole commits lie after the current pages, confirmed flags and all.
        var journal = File.ReadAllBytes(copy + "-journal");
        Assert.That(ConfirmedPagesAfter(journal, length), Is.GreaterThan(0), "the copy holds an earlier journal's commits after the current ones");

        using var reopened = TestStores.Open(copy);
        Assert.That(Contents(reopened), Is.EqualTo(expected));
        Assert.That(reopened.Verify().Problems, Is.Empty);
    }

    [Test]
    public void Open_LastCommitPartlyWrittenOverAnEarlierJournal_DiscardsItWhole([Values(0, 1, 18, 4095, 8192, 8193, 20_000)] int offset, [Values] bool throughItsEnd)
    {
        IReadOnlyList<string> before;
        byte[] journalBefore;
        string copy;
        long start, end;
        using (var store = TestStores.Open(StorePath))
        {
            var id = store.CreateDataset(new DatasetDefinition("d")).Id;
            CommitUntilCheckpoint(store, id);
            store.AddItem(id, TestStores.Draft("kept"));
            before = Contents(store);
            journalBefore = UnlockedFile.ReadAllBytes(JournalPath);
            start = store.Connection.Journal!.CommittedLength;
            store.AddItems(id, Enumerable.Range(0, 20).Select(i => TestStores.Draft("torn " + i + new string('t', 3000))));
            end = store.Connection.Journal!.CommittedLength;
            copy = CopyInto("crash");
        }

        // A crash left the last commit's record on disk but not all of its pages: from some byte to its end, or one
        // page's worth in its middle (its confirming last page written, an earlier one not). The earlier journal's
        // bytes are still there.
        var from = start + offset;
        var to = throughItsEnd ? end : from + PageSize;
        Assert.That(to, Is.LessThanOrEqualTo(throughItsEnd ? end : end - PageSize), "the bytes lie inside the last commit, before its confirming page unless through its end");
        Assert.That(journalBefore, Has.Length.GreaterThanOrEqualTo(end), "the last commit wrote over the kept pages");
        Assert.That(journalBefore.AsSpan((int)from, (int)(to - from)).SequenceEqual(File.ReadAllBytes(copy + "-journal").AsSpan((int)from, (int)(to - from))), Is.False, "the commit wrote over different bytes");
        using (var file = new FileStream(copy + "-journal", FileMode.Open, FileAccess.Write))
        {
            file.Position = from;
            file.Write(journalBefore, (int)from, (int)(to - from));
        }

        using var reopened = TestStores.Open(copy);
        Assert.That(Contents(reopened), Is.EqualTo(before));
        Assert.That(reopened.Verify().Problems, Is.Empty);
    }

    [Test]
    public void Checkpoint_StoreWithDurableOff_CutsTheFileToItsHeader()
    {
        using var store = TestStores.Open(StorePath, durable: false);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;

        Assert.That(CommitUntilCheckpoint(store, id), Is.EqualTo(PageSize));
    }

    [Test]
    public void Checkpoint_JournalGrownPastWhatIsKept_CutsTheFileToItsHeader()
    {
        using var store = TestStores.Open(StorePath);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;

        // One commit of about 24 MB: more than twice the checkpoint threshold.
        store.AddItems(id, Enumerable.Range(0, 3_000).Select(i => TestStores.Draft(i + new string('l', 8_000))));

        Assert.Multiple(() =>
        {
            Assert.That(store.Connection.Journal!.HasPages, Is.False, "The write checkpointed before it returned.");
            Assert.That(new FileInfo(JournalPath).Length, Is.EqualTo(PageSize));
        });
    }

    /// <summary>Adds large items until a write's checkpoint empties the journal; returns the length of the journal file then.</summary>
    private long CommitUntilCheckpoint(DatasetStore store, string datasetId)
    {
        var journal = store.Connection.Journal!;
        for (var i = 0; i < 100; i++)
        {
            var before = journal.PagesLength;
            store.AddItems(datasetId, Enumerable.Range(0, 50).Select(j => TestStores.Draft(i + "-" + j + new string('p', 8_000))));
            if (journal.PagesLength < before)
            {
                return new FileInfo(JournalPath).Length;
            }
        }

        throw new AssertionException("No write checkpointed.");
    }

    /// <summary>
    /// What the store holds now: each dataset's row and its current items (the full dump of every version would read
    /// the large items of each one again).
    /// </summary>
    private static List<string> Contents(IDatasetStore store)
    {
        var lines = new List<string>();
        foreach (var dataset in store.ListDatasets().Items.OrderBy(d => d.Id, StringComparer.Ordinal))
        {
            lines.Add($"{dataset.Id} {dataset.Name} {dataset.Description} v{dataset.Version} n{dataset.ItemCount}");
            lines.AddRange(store.ReadItems(dataset.Id).Select(item => $"{item.Id} {item.Version} {item.Input.ToJsonString().GetHashCode(StringComparison.Ordinal)}"));
        }

        return lines;
    }

    /// <summary>Counts the pages with LiteDB's confirmed flag after <paramref name="length"/> bytes of a journal file.</summary>
    private static int ConfirmedPagesAfter(byte[] journal, long length)
    {
        var count = 0;
        for (var position = (int)length; position + PageSize <= journal.Length; position += PageSize)
        {
            if (journal[position + JournalFile.ConfirmedFlagOffset] != 0 && BinaryPrimitives.ReadUInt32LittleEndian(journal.AsSpan(position)) != uint.MaxValue)
            {
                count++;
            }
        }

        return count;
    }
}
