using System.Globalization;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The durable commit protocol: LiteDB trusts a "confirmed" flag on a commit's last page, so with Durable = true the
/// journal writes the commit's pages as LiteDB gives them, then a commit record naming their bytes and checksum into
/// its header page, and syncs once, before the commit returns (recovery is tested in <see cref="CommitRecordTests"/>).
/// </summary>
[TestFixture]
public sealed class DurabilityTests : StoreFileFixture
{
    private const int PageSize = 8192;
    private const int ConfirmedFlagOffset = 18;

    /// <summary>The slot a new journal's first commit record goes to (its base record holds the other).</summary>
    private static readonly int FirstCommitSlot = CommitRecord.SlotOffsets[1];

    [Test]
    public void Write_DurableConfirmingPage_WritesThePageAsGivenThenItsRecordThenSyncsOnce()
    {
        var (recorder, journal) = NewJournal(durable: true);
        var page = Page(fill: 0x5A, confirmed: true);
        journal.Position = 3 * PageSize;

        journal.Write(page, 0, page.Length);

        var pageStart = PageSize + (3 * PageSize);
        var record = CommitRecord.Read(recorder.ToArray().AsSpan(FirstCommitSlot, CommitRecord.Size));
        Assert.Multiple(() =>
        {
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                $"write {pageStart} {PageSize} flag=1",
                $"write {FirstCommitSlot} {CommitRecord.Size}",
                "sync",
            }));
            Assert.That(recorder.WrittenPage(pageStart), Is.EqualTo(page), "The page is written exactly as LiteDB gave it.");
            Assert.That(journal.Position, Is.EqualTo(4 * PageSize), "The next page follows the confirmed one.");
            Assert.That(journal.File.DurableCommits, Is.EqualTo(1));
            Assert.That(record?.End, Is.EqualTo(pageStart + PageSize));
        });
    }

    [Test]
    public void Write_DurableCommitOfSeveralPages_RecordsTheirBytesAndSyncsOnceAfterTheConfirmingPage()
    {
        var (recorder, journal) = NewJournal(durable: true);
        journal.Position = 0;

        foreach (var page in new[] { Page(1, confirmed: false), Page(2, confirmed: false), Page(3, confirmed: true) })
        {
            journal.Write(page, 0, page.Length);
        }

        var bytes = recorder.ToArray();
        var record = CommitRecord.Read(bytes.AsSpan(FirstCommitSlot, CommitRecord.Size));
        Assert.Multiple(() =>
        {
            Assert.That(recorder.Events, Is.EqualTo(new[]
            {
                $"write {PageSize} {PageSize} flag=0",
                $"write {2 * PageSize} {PageSize} flag=0",
                $"write {3 * PageSize} {PageSize} flag=1",
                $"write {FirstCommitSlot} {CommitRecord.Size}",
                "sync",
            }));
            Assert.That((record?.Start, record?.End), Is.EqualTo(((long?)PageSize, (long?)(4 * PageSize))));
            Assert.That(record?.Checksum, Is.EqualTo(System.IO.Hashing.XxHash128.HashToUInt128(bytes.AsSpan(PageSize, 3 * PageSize))));
        });
    }

    [Test]
    public void Write_NotDurableConfirmingPage_IsWrittenAsIsWithItsRecordWithoutSync()
    {
        var (recorder, journal) = NewJournal(durable: false);
        var page = Page(fill: 9, confirmed: true);
        journal.Position = 0;

        journal.Write(page, 0, page.Length);

        Assert.Multiple(() =>
        {
            Assert.That(recorder.Events, Is.EqualTo(new[] { $"write {PageSize} {PageSize} flag=1", $"write {FirstCommitSlot} {CommitRecord.Size}" }));
            Assert.That(journal.File.DurableCommits, Is.Zero);
        });
    }

    [Test]
    public void WriteCall_DurableStore_MakesEachCommitDurableBeforeItReturns()
    {
        using var store = TestStores.Open(StorePath, durable: true);
        var journal = store.Connection.Journal!;
        var dataset = store.CreateDataset(new DatasetDefinition("durable"));
        var item = store.AddItem(dataset.Id, TestStores.Draft("first")).Items[0];
        var writes = new (string Name, Action Write)[]
        {
            ("AddItem", () => store.AddItem(dataset.Id, TestStores.Draft("second"))),
            ("AddItems", () => store.AddItems(dataset.Id, [TestStores.Draft("third"), TestStores.Draft("fourth")])),
            ("UpdateItem", () => store.UpdateItem(dataset.Id, item.Id, new ItemPatch { Input = System.Text.Json.Nodes.JsonValue.Create("changed") })),
            ("TagVersion", () => store.TagVersion(dataset.Id, 1, "first")),
            ("DeleteItem", () => store.DeleteItem(dataset.Id, item.Id)),
            ("CreateDataset", () => store.CreateDataset(new DatasetDefinition("another"))),
        };

        Assert.Multiple(() =>
        {
            foreach (var (name, write) in writes)
            {
                var commits = journal.DurableCommits;
                var syncs = journal.SyncCount;

                write();

                // Read at once: a commit that has returned must already be on stable storage.
                Assert.That(journal.DurableCommits, Is.EqualTo(commits + 1), name + ": one durable commit");
                Assert.That(journal.SyncCount, Is.EqualTo(syncs + 1), name + ": one sync");
            }
        });
    }

    [Test]
    public void WriteCall_DurableStoreChangingNothingOrFailing_MakesNoCommit()
    {
        using var store = TestStores.Open(StorePath, durable: true);
        var journal = store.Connection.Journal!;
        var dataset = store.CreateDataset(new DatasetDefinition("durable"));
        var item = store.AddItem(dataset.Id, TestStores.Draft("first")).Items[0];
        var commits = journal.DurableCommits;

        store.UpdateItem(dataset.Id, item.Id, new ItemPatch { Input = System.Text.Json.Nodes.JsonValue.Create("first") });
        store.AddItems(dataset.Id, []);
        Assert.Throws<LiteDatasetsException>(() => store.DeleteItem(dataset.Id, "no-such-item"));
        Assert.Throws<LiteDatasetsException>(() => store.AddItem(dataset.Id, TestStores.Draft("stale"), new WriteOptions { ExpectedVersion = 0 }));

        Assert.Multiple(() =>
        {
            Assert.That(journal.DurableCommits, Is.EqualTo(commits));
            Assert.That(store.GetDataset(dataset.Id)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void WriteCall_NotDurableStore_NeverSyncs()
    {
        using var store = TestStores.Open(StorePath, durable: false);
        var journal = store.Connection.Journal!;
        var dataset = store.CreateDataset(new DatasetDefinition("fast"));
        var syncs = journal.SyncCount;

        for (var i = 0; i < 5; i++)
        {
            store.AddItem(dataset.Id, TestStores.Draft("item " + i.ToString(CultureInfo.InvariantCulture)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(journal.SyncCount, Is.EqualTo(syncs));
            Assert.That(journal.DurableCommits, Is.Zero);
        });
    }

    [TestCase(true, false)]
    [TestCase(false, false)]
    [TestCase(true, true)]
    [TestCase(false, true)]
    public void AddItem_ProcessKilledRightAfterItReturned_CommitSurvives(bool durable, bool shared)
    {
        const int Commits = 5;
        string[] arguments = ["commit-then-kill", StorePath, "5", .. durable ? Array.Empty<string>() : ["--fast"], .. shared ? ["--shared"] : Array.Empty<string>()];

        var (exitCode, lines) = TestHostProcess.Run(arguments);

        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, Commits).Select(v => "committed " + v.ToString(CultureInfo.InvariantCulture))));
        Assert.That(exitCode, Is.Not.EqualTo(ExitCodes.Ok), "The child was killed.");
        using var store = TestStores.Open(StorePath);
        var dataset = store.FindDataset("killed");
        Assert.Multiple(() =>
        {
            Assert.That(dataset?.Version, Is.EqualTo(Commits));
            Assert.That(dataset?.ItemCount, Is.EqualTo(Commits));
            Assert.That(dataset is null ? [] : store.ReadItems(dataset.Id).Select(i => i.Input.ToJsonString()),
                Is.EqualTo(Enumerable.Range(0, Commits).Select(i => "\"item " + i.ToString(CultureInfo.InvariantCulture) + "\"")));
        });
    }

    private static (RecordingStream Recorder, JournalStream Journal) NewJournal(bool durable)
    {
        var recorder = new RecordingStream();
        var file = new JournalFile(recorder, recorder.Sync, durable);
        file.SetOwners(Guid.NewGuid(), Guid.Empty);
        var view = file.OpenView(frozen: false);
        recorder.StartRecording();
        return (recorder, view);
    }

    private static byte[] Page(byte fill, bool confirmed)
    {
        var page = new byte[PageSize];
        Array.Fill(page, fill);
        page[ConfirmedFlagOffset] = confirmed ? (byte)1 : (byte)0;
        return page;
    }

    /// <summary>A memory stream that records every write (where, how much, the flag byte) and every sync, in order.</summary>
    private sealed class RecordingStream : MemoryStream
    {
        private bool _recording;

        public List<string> Events { get; } = [];

        public void StartRecording()
        {
            _recording = true;
            Events.Clear();
        }

        public void Sync()
        {
            if (_recording)
            {
                Events.Add("sync");
            }
        }

        public byte[] WrittenPage(long position) => ToArray().AsSpan((int)position, PageSize).ToArray();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Record(Position, buffer.AsSpan(offset, count));
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Record(Position, buffer);

            // MemoryStream's span overload would call back into Write(byte[]…) for a subclass and record twice.
            base.Write(buffer.ToArray(), 0, buffer.Length);
        }

        public override void WriteByte(byte value)
        {
            Record(Position, [value]);
            base.WriteByte(value);
        }

        public override void Flush()
        {
            if (_recording)
            {
                Events.Add("flush");
            }

            base.Flush();
        }

        private void Record(long position, ReadOnlySpan<byte> data)
        {
            if (!_recording)
            {
                return;
            }

            Events.Add(data.Length == PageSize
                ? $"write {position} {data.Length} flag={data[ConfirmedFlagOffset]}"
                : data.Length == 1 ? $"write {position} 1 byte={data[0]}" : $"write {position} {data.Length}");
        }
    }
}
