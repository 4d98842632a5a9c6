namespace LiteDatasets.Tests.Transfer;

public sealed partial class DatasetTransferTests
{
    private static readonly ImportOptions KeyedMapping = new()
    {
        Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Key = "id", Metadata = ["split"] },
    };

    private const string Keyed = """
        {"id":"q1","question":"1+1","answer":"2","split":"train"}
        {"id":"q2","question":"2+2","answer":"4"}
        {"id":"q3","question":"3+3","answer":"6","split":"test"}
        """;

    [Test]
    public void Import_File_IsOneVersionWhoseMessageNamesTheSource()
    {
        var ds = NewDataset();

        var report = Import(ds, "train.jsonl", Keyed, KeyedMapping);

        Assert.Multiple(() =>
        {
            Assert.That(report.Result, Is.EqualTo(new ImportResult(ds, 1, true, 3, 3, 0, 0, 0)));
            Assert.That(report.Source, Is.EqualTo("train.jsonl"));
            Assert.That(_store.GetVersion(ds, 1).Message, Is.EqualTo("Imported train.jsonl"));
            Assert.That(_store.ReadItems(ds).Select(i => (i.ExternalId, i.Metadata?.ToJsonString())),
                Is.EqualTo(new[] { ("q1", """{"split":"train"}"""), ("q2", (string?)null), ("q3", """{"split":"test"}""") }));
        });
    }

    [Test]
    public void Import_CallersMessage_WinsOverTheAutomaticOne()
    {
        var ds = NewDataset();

        Import(ds, "train.jsonl", Keyed, KeyedMapping with { Message = "seed" });

        Assert.That(_store.GetVersion(ds, 1).Message, Is.EqualTo("seed"));
    }

    [TestCase(ImportMode.Upsert)]
    [TestCase(ImportMode.Sync)]
    public void Import_UnchangedFileAgain_CreatesNoVersion(ImportMode mode)
    {
        var ds = NewDataset();
        Import(ds, "train.jsonl", Keyed, KeyedMapping);

        var again = Import(ds, "train.jsonl", Keyed, KeyedMapping with { Mode = mode });

        Assert.Multiple(() =>
        {
            Assert.That(again.Result.Created, Is.False);
            Assert.That(again.Result.Unchanged, Is.EqualTo(3));
            Assert.That(_store.GetDataset(ds)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Import_UpsertChangedFile_UpdatesAndAddsInOneVersion()
    {
        var ds = NewDataset();
        Import(ds, "train.jsonl", Keyed, KeyedMapping);
        var changed = Keyed.Replace("\"answer\":\"4\"", "\"answer\":\"four\"", StringComparison.Ordinal) + "\n{\"id\":\"q4\",\"question\":\"4+4\",\"answer\":\"8\"}";

        var report = Import(ds, "train.jsonl", changed, KeyedMapping with { Mode = ImportMode.Upsert });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result, Is.EqualTo(new ImportResult(ds, 2, true, 4, 1, 1, 0, 2)));
            Assert.That(_store.Diff(ds, 1, 2).Modified.Single().ChangedPaths, Is.EqualTo(new[] { "/expectedOutput" }));
        });
    }

    [Test]
    public void Import_Sync_DeletesItemsMissingFromTheFile()
    {
        var ds = NewDataset();
        Import(ds, "train.jsonl", Keyed, KeyedMapping);
        var fewer = string.Join('\n', Keyed.Split('\n').Where(l => !l.Contains("q2", StringComparison.Ordinal)));

        var report = Import(ds, "train.jsonl", fewer, KeyedMapping with { Mode = ImportMode.Sync });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Deleted, Is.EqualTo(1));
            Assert.That(_store.ReadItems(ds).Select(i => i.ExternalId), Is.EqualTo(new[] { "q1", "q3" }));
        });
    }

    [Test]
    public void Import_NativeSyncLineWithoutExternalId_FailsWithItsLine()
    {
        var error = ImportFails(NewDataset(), "n.jsonl", "{\"externalId\":\"a\",\"input\":1}\n{\"input\":2}\n", new ImportOptions { Mode = ImportMode.Sync });

        Assert.That((error.LineNumber, error.Reason), Is.EqualTo((2L, "The record has no externalId, which a sync import needs to match it to an item.")));
    }

    [Test]
    public void Import_NativeUpsertWithoutExternalId_MatchesById()
    {
        var ds = NewDataset();
        Import(ds, "n.jsonl", "{\"id\":\"a\",\"input\":1}\n");

        var report = Import(ds, "n.jsonl", "{\"id\":\"a\",\"input\":2}\n", new ImportOptions { Mode = ImportMode.Upsert });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Updated, Is.EqualTo(1));
            Assert.That(_store.GetItem(ds, "a")!.Input.ToJsonString(), Is.EqualTo("2"));
        });
    }

    [Test]
    public void Import_SeveralInputFields_MakeAnObjectInTheirOrder()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["b", "a"], ExpectedOutput = "a" } };

        Import(ds, "two.jsonl", "{\"a\":1,\"b\":[2],\"c\":3}", options);

        var item = _store.ReadItems(ds).Single();
        Assert.That((item.Input.ToJsonString(), item.ExpectedOutput!.ToJsonString()), Is.EqualTo(("{\"b\":[2],\"a\":1}", "1")));
    }

    [Test]
    public void Import_ExpectedVersionBehind_FailsWithVersionConflict()
    {
        var ds = NewDataset();
        Import(ds, "train.jsonl", Keyed, KeyedMapping);

        var error = Assert.Throws<LiteDatasetsException>(() => Import(ds, "train.jsonl", Keyed, KeyedMapping with { ExpectedVersion = 0 }));

        Assert.That(error!.Code, Is.EqualTo(ErrorCode.VersionConflict));
    }

    [Test]
    public void Import_Progress_IsReportedWithBytes()
    {
        var ds = NewDataset();
        var reports = new List<TransferProgress>();

        DatasetTransfer.Import(_store, ds, Gsm8k("test.jsonl"), Gsm8kMapping with { Progress = new SyncProgress(reports.Add) });

        Assert.Multiple(() =>
        {
            Assert.That(reports, Has.Count.GreaterThan(1));
            Assert.That(reports[^1].Items, Is.EqualTo(1319));
            Assert.That(reports[^1].Bytes, Is.EqualTo(reports[^1].TotalBytes).And.EqualTo(new FileInfo(Gsm8k("test.jsonl")).Length));
        });
    }

    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
