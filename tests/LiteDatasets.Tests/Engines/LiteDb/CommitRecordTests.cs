using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Recovery with one sync per commit: a commit whose pages or record a crash tore is found by its checksum and
/// discarded whole, every commit before it stays, and a journal written by the earlier protocol (no records) is still
/// recovered by its flags. The journals are real: taken from a store while it was open, then torn byte by byte.
/// </summary>
[TestFixture]
public sealed class CommitRecordTests : StoreFileFixture
{
    private const int PageSize = 8192;

    [Test]
    public void Scan_LastCommitTornAtEveryByteOfItsPages_DiscardsItWhole()
    {
        var (before, after) = JournalAroundLastCommit();
        Assert.That(CommittedLength(after, after.Length), Is.EqualTo(after.Length), "The whole commit is kept.");

        // Torn after byte x: the bytes from x on never reached the disk (zeros where the file had grown, or a file cut
        // at x). Zeros over bytes that were zeros anyway leave the commit whole, and it must then be kept.
        var torn = (byte[])after.Clone();
        var lost = false;
        var wrong = new List<string>();
        for (var x = after.Length - 1; x >= before.Length; x--)
        {
            lost |= torn[x] != 0;
            torn[x] = 0;
            if (CommittedLength(torn, torn.Length) != (lost ? before.Length : after.Length) || CommittedLength(after, x) != before.Length)
            {
                wrong.Add(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.That(wrong, Is.Empty, $"Offsets at which the torn commit ({after.Length - before.Length} bytes) was not discarded whole.");
    }

    [Test]
    public void Scan_OnePageOfTheLastCommitStale_DiscardsTheCommit()
    {
        var (before, after) = JournalAroundLastCommit();
        Assert.That((after.Length - before.Length) / PageSize, Is.GreaterThan(1), "The commit spans pages.");

        Assert.Multiple(() =>
        {
            for (var page = before.Length; page < after.Length; page += PageSize)
            {
                // The confirming page landed, one other did not (the disk reordered the writes).
                var torn = (byte[])after.Clone();
                torn[page + 100] ^= 0xFF;
                Assert.That(CommittedLength(torn, torn.Length), Is.EqualTo(before.Length), $"page at {page}");
            }
        });
    }

    [Test]
    public void Scan_RecordOfTheLastCommitTornAtEveryByte_FallsBackToTheCommitBefore()
    {
        var (before, after) = JournalAroundLastCommit();
        var slot = CommitRecord.SlotOffsets.Single(s => !before.AsSpan(s, CommitRecord.Size).SequenceEqual(after.AsSpan(s, CommitRecord.Size)));

        Assert.Multiple(() =>
        {
            for (var x = 0; x < CommitRecord.Size; x++)
            {
                // The record's first x bytes landed, the rest is what the slot held before.
                var torn = (byte[])after.Clone();
                before.AsSpan(slot + x, CommitRecord.Size - x).CopyTo(torn.AsSpan(slot + x));
                var expected = before.AsSpan(slot + x, CommitRecord.Size - x).SequenceEqual(after.AsSpan(slot + x, CommitRecord.Size - x)) ? after.Length : before.Length;
                Assert.That(CommittedLength(torn, torn.Length), Is.EqualTo(expected), $"record torn after byte {x}");
            }
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Open_CopyWhoseLastCommitIsTorn_HasEveryEarlierCommitVerifiesAndWritesOn(bool readOnly)
    {
        var (beforeLast, torn) = CopyWithTornLastCommit();
        var journal = FileState.Of(torn + "-journal");

        Assert.That(TestStores.DumpOf(torn, readOnly), Is.EqualTo(beforeLast));
        if (readOnly)
        {
            Assert.That(FileState.Of(torn + "-journal"), Is.EqualTo(journal), "A read-only open hides the torn commit and changes no file.");
        }

        long version;
        using (var store = TestStores.Open(torn))
        {
            CrashTests.AssertHealthy(store, "after the torn commit was discarded");
            version = store.AddItem(store.FindDataset("alpha")!.Id, TestStores.Draft("after recovery")).Version;
        }

        using var reopened = TestStores.Open(torn);
        Assert.That(reopened.FindDataset("alpha")!.Version, Is.EqualTo(version));
        CrashTests.AssertHealthy(reopened, "after a commit on top of the recovered store");
    }

    [Test]
    public void Open_JournalOfTheEarlierProtocol_IsRecoveredByItsFlagsAndThenKeepsRecords()
    {
        TestStores.CreateSample(StorePath);
        IReadOnlyList<string> expected;
        string copy;
        using (var store = TestStores.Open(StorePath))
        {
            var alpha = store.FindDataset("alpha")!;
            store.AddItem(alpha.Id, TestStores.Draft("old protocol 1"));
            store.AddItem(alpha.Id, TestStores.Draft("old protocol 2"));
            expected = StoreDump.Of(store);
            copy = CopyInto("earlier");
        }

        // The earlier protocol wrote no records: its header page is zeros after the owners.
        var journal = File.ReadAllBytes(copy + "-journal");
        Array.Clear(journal, CommitRecord.SlotOffsets[0], PageSize - CommitRecord.SlotOffsets[0]);
        File.WriteAllBytes(copy + "-journal", journal);
        Assert.That(Records(journal), Is.Empty);

        IReadOnlyList<string> later;
        string laterCopy;
        using (var store = TestStores.Open(copy))
        {
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
            var alpha = store.FindDataset("alpha")!;
            store.AddItem(alpha.Id, TestStores.Draft("new protocol"));
            later = StoreDump.Of(store);
            laterCopy = Path.Combine(Path.GetDirectoryName(copy)!, "later.litedb");
            UnlockedFile.Copy(copy, laterCopy);
            UnlockedFile.Copy(copy + "-journal", laterCopy + "-journal");
        }

        Assert.Multiple(() =>
        {
            Assert.That(Records(File.ReadAllBytes(laterCopy + "-journal")), Is.Not.Empty, "The journal records its commits now.");
            Assert.That(TestStores.DumpOf(laterCopy), Is.EqualTo(later));
        });
    }

    /// <summary>Where <see cref="JournalFile.Scan"/> finds the last whole commit of the journal bytes <c>[0, length)</c>.</summary>
    private static long CommittedLength(byte[] journal, int length)
    {
        var file = new JournalFile(new MemoryStream(journal, 0, length, writable: false), static () => { }, durable: true);
        file.Scan();
        return file.CommittedLength;
    }

    private static List<CommitRecord> Records(byte[] journal) =>
        CommitRecord.SlotOffsets.Select(s => CommitRecord.Read(journal.AsSpan(s, CommitRecord.Size))).OfType<CommitRecord>().ToList();

    /// <summary>The store's journal as it was on disk just before and just after its last commit (one item added), while the store was open.</summary>
    private (byte[] Before, byte[] After) JournalAroundLastCommit()
    {
        TestStores.CreateSample(StorePath);
        using var store = TestStores.Open(StorePath);
        var alpha = store.FindDataset("alpha")!;
        store.AddItem(alpha.Id, TestStores.Draft("kept"));
        var before = UnlockedFile.ReadAllBytes(JournalPath);
        store.AddItem(alpha.Id, TestStores.Draft("the last commit", new System.Text.Json.Nodes.JsonObject { ["note"] = new string('x', 9000) }));
        return (before, UnlockedFile.ReadAllBytes(JournalPath));
    }

    /// <summary>A copy of a store whose journal's last commit is torn half-way through its pages, and what the store held before that commit.</summary>
    private (IReadOnlyList<string> BeforeLast, string Copy) CopyWithTornLastCommit()
    {
        TestStores.CreateSample(StorePath);
        IReadOnlyList<string> beforeLast;
        string copy;
        long committed;
        using (var store = TestStores.Open(StorePath))
        {
            var alpha = store.FindDataset("alpha")!;
            store.AddItem(alpha.Id, TestStores.Draft("kept"));
            beforeLast = StoreDump.Of(store);
            committed = new FileInfo(JournalPath).Length;
            store.AddItem(alpha.Id, TestStores.Draft("torn", new System.Text.Json.Nodes.JsonObject { ["note"] = new string('x', 9000) }));
            copy = CopyInto("torn");
        }

        var journal = File.ReadAllBytes(copy + "-journal");
        Array.Clear(journal, (int)committed + ((journal.Length - (int)committed) / 2), (journal.Length - (int)committed) / 2);
        File.WriteAllBytes(copy + "-journal", journal);
        return (beforeLast, copy);
    }
}
