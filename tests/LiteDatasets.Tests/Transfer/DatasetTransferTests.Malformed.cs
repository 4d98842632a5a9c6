namespace LiteDatasets.Tests.Transfer;

public sealed partial class DatasetTransferTests
{
    private static readonly ImportOptions Skipping = new() { SkipBadLines = true };

    [Test]
    public void Import_BadJsonLine_FailsWithItsLineAndWritesNothing()
    {
        var ds = NewDataset();

        var error = ImportFails(ds, "bad.jsonl", "{\"input\":\"a\"}\n{\"input\":\"b\"}\n{\"input\": oops}\n{\"input\":\"d\"}\n");

        Assert.Multiple(() =>
        {
            Assert.That(error.Code, Is.EqualTo(ErrorCode.ImportFormat));
            Assert.That(error.LineNumber, Is.EqualTo(3));
            Assert.That(error.Reason, Does.StartWith("The record is not valid JSON"));
            Assert.That(error.Message, Does.StartWith("bad.jsonl, line 3: "));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public void Import_InvalidUtf8_FailsNamingTheLine()
    {
        var ds = NewDataset();
        byte[] bytes = [.. "{\"input\":\"ok\"}\n{\"input\":\"b"u8, 0xC3, 0x28, .. "\"}\n"u8];

        var error = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, ds, WriteFile("utf.jsonl", bytes)))!;

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(2));
            Assert.That(error.Reason, Does.Contain("not valid UTF-8"));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public void Import_InvalidUtf8InJsonArrayElement_NamesTheElementsLine()
    {
        var ds = NewDataset();
        byte[] bytes = [.. "[\n{\"input\":\"ok\"},\n{\"input\":\"b"u8, 0xFF, .. "\"}\n]"u8];

        var error = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, ds, WriteFile("utf.json", bytes)))!;

        Assert.That((error.LineNumber, error.Reason), Is.EqualTo((3L, "Byte 12 of the line is not valid UTF-8; save the file as UTF-8.")));
    }

    [Test]
    public void Import_MissingKeyField_FailsNamingLineAndField()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], Key = "id" } };

        var error = ImportFails(ds, "keys.jsonl", "{\"q\":1,\"id\":\"a\"}\n{\"q\":2}\n", options);

        Assert.That((error.LineNumber, error.Reason), Is.EqualTo((2L, "The record has no key: the field 'id' is missing or empty. Check the mapping of fields.")));
    }

    [Test]
    public void Import_DuplicateKeys_FailsNamingBothLines()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], Key = "id" } };

        var error = ImportFails(ds, "dupes.jsonl", "{\"q\":1,\"id\":\"a\"}\n{\"q\":2,\"id\":\"b\"}\n\n{\"q\":3,\"id\":\"a\"}\n", options);

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(4));
            Assert.That(error.OtherLineNumber, Is.EqualTo(1));
            Assert.That(error.Message, Does.Contain("line 4").And.Contain("also on line 1").And.Contain("'a'"));
        });
    }

    [Test]
    public void Import_DuplicateNativeIds_FailsNamingBothLines()
    {
        var error = ImportFails(NewDataset(), "ids.jsonl", "{\"id\":\"x\",\"input\":1}\n{\"id\":\"x\",\"input\":2}\n");

        Assert.That((error.LineNumber, error.OtherLineNumber), Is.EqualTo((2L, (long?)1L)));
    }

    [TestCase("empty.jsonl", "")]
    [TestCase("blank.jsonl", "\n  \n")]
    [TestCase("empty.json", "")]
    [TestCase("empty-array.json", " [ ] ")]
    [TestCase("header-only.csv", "input,expectedOutput\n")]
    [TestCase("empty.csv", "")]
    public void Import_NoItems_FailsAsEmpty(string name, string text)
    {
        var error = ImportFails(NewDataset(), name, text);

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.Zero);
            Assert.That(error.Reason, Does.StartWith("has no items"));
        });
    }

    [TestCase("key.jsonl", "{\"input\":1}\n{\"input\":{\"\\ud800\":1}}\n", 2)]
    [TestCase("external-id.jsonl", "{\"input\":1}\n{\"externalId\":\"\\ud800\",\"input\":1}\n", 2)]
    [TestCase("array.json", "[\n{\"input\":1},\n{\"input\":{\"\\udc00\":2}}\n]", 3)]
    [TestCase("cell.csv", "input,metadata\na,{}\nb,\"{\"\"\\ud800\"\":1}\"\n", 3)]
    public void Import_EscapedLoneSurrogate_IsABadLineNotACrash(string name, string text, long line)
    {
        var ds = NewDataset();

        var error = ImportFails(ds, name, text);
        var report = Import(ds, name, text, Skipping);

        Assert.Multiple(() =>
        {
            Assert.That((error.LineNumber, error.Reason), Is.EqualTo((line, "The record holds an escaped lone surrogate (such as \"\\ud800\"), which is not valid Unicode text.")));
            Assert.That(report.SkippedLines.Select(s => s.LineNumber), Is.EqualTo(new[] { line }));
            Assert.That(report.Result.Added, Is.EqualTo(1));
        });
    }

    [TestCase(ImportMode.Append)]
    [TestCase(ImportMode.Upsert)]
    [TestCase(ImportMode.Sync)]
    public void Import_KeyRepeatedThousandsOfLinesLater_StopsNamingBothLinesOrIsSkipped(ImportMode mode)
    {
        var ds = NewDataset();
        var lines = Enumerable.Range(0, 5_000).Select(i => $"{{\"externalId\":\"k{i}\",\"input\":{i}}}").Append("{\"externalId\":\"k7\",\"input\":\"again\"}");
        var text = string.Join('\n', lines) + "\n";

        var error = ImportFails(ds, "far.jsonl", text, new ImportOptions { Mode = mode });
        var report = Import(ds, "far.jsonl", text, Skipping with { Mode = mode });

        Assert.Multiple(() =>
        {
            Assert.That((error.LineNumber, error.OtherLineNumber), Is.EqualTo((5_001L, (long?)8L)));
            Assert.That(error.Message, Does.Contain("'k7'"));
            Assert.That(report.SkippedLines.Select(s => (s.LineNumber, s.Reason.Contains("also on line 8", StringComparison.Ordinal))), Is.EqualTo(new[] { (5_001L, true) }));
            Assert.That((report.Result.Read, report.Result.Added), Is.EqualTo((5_000, 5_000)));
            Assert.That(_store.ListItems(ds, new ItemQuery { ExternalId = "k7" }).Items.Single().Input.ToJsonString(), Is.EqualTo("7"));
        });
    }

    [Test]
    public void Import_SkipBadLines_SkipsAndReportsEachAndImportsTheRest()
    {
        var ds = NewDataset();
        var told = new List<SkippedLine>();
        var text = "{\"input\":\"a\"}\nnot json\n{\"input\":null}\n[1]\n{\"input\":\"b\",\"extra\":1}\n{\"input\":\"c\"}\n";

        var report = Import(ds, "mixed.jsonl", text, Skipping with { LineSkipped = told.Add });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(2));
            Assert.That(report.SkippedCount, Is.EqualTo(4));
            Assert.That(report.SkippedLines.Select(s => s.LineNumber), Is.EqualTo(new[] { 2L, 3L, 4L, 5L }));
            Assert.That(report.SkippedLines[3].Reason, Does.Contain("'extra'"));
            Assert.That(told, Is.EqualTo(report.SkippedLines));
            Assert.That(_store.ReadItems(ds).Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"a\"", "\"c\"" }));
        });
    }

    [Test]
    public void Import_SkipBadLines_SkipsUnstorablePayloadAndSecondKey()
    {
        var ds = NewDataset();
        var deep = new string('[', 70) + new string(']', 70);
        var text = $"{{\"externalId\":\"k\",\"input\":1}}\n{{\"input\":{deep}}}\n{{\"input\":\"\\ud800\"}}\n{{\"externalId\":\"k\",\"input\":2}}\n";

        var report = Import(ds, "payloads.jsonl", text, Skipping);

        Assert.Multiple(() =>
        {
            Assert.That(report.SkippedLines.Select(s => s.LineNumber), Is.EqualTo(new[] { 2L, 3L, 4L }));
            Assert.That(report.SkippedLines[1].Reason, Does.Contain("/input"));
            Assert.That(report.SkippedLines[2].Reason, Does.Contain("also on line 1"));
            Assert.That(report.Result.Added, Is.EqualTo(1));
        });
    }

    [Test]
    public void Import_UnstorablePayloadWithoutSkipping_FailsWithItsLine()
    {
        var ds = NewDataset();

        var error = ImportFails(ds, "surrogate.jsonl", "{\"input\":1}\n{\"input\":{\"a\":\"\\udc00\"}}\n");

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(2));
            Assert.That(error.Reason, Does.Contain("/input/a"));
            Assert.That(_store.GetDataset(ds)!.Version, Is.Zero);
        });
    }

    [Test]
    public void Import_EveryLineBad_FailsEvenWhenSkipping()
    {
        var error = ImportFails(NewDataset(), "junk.jsonl", "x\ny\n", Skipping);

        Assert.That(error.Reason, Does.Contain("all 2 records were malformed"));
    }

    [TestCase("{\"input\":1}", 1, "A JSON import file must be one array")]
    [TestCase("[{\"input\":1},\n{\"input\":2}", 2, "ends before the array is closed")]
    [TestCase("[{\"input\":1}]\n[]", 2, "more content after")]
    [TestCase("[{\"input\":1},\n\n{\"input\": x}]", 3, "not valid JSON")]
    public void Import_MalformedJsonArray_FailsWithLine(string text, long line, string reason)
    {
        var error = ImportFails(NewDataset(), "bad.json", text, Skipping);

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(line));
            Assert.That(error.Message, Does.Contain(reason));
        });
    }

    [Test]
    public void Import_JsonArrayElementNotAnObject_IsSkippable()
    {
        var ds = NewDataset();

        var report = Import(ds, "mixed.json", "[\n{\"input\":1},\n\"text\",\n{\"input\":2,\"input\":3},\n{\"input\":4}\n]", Skipping);

        Assert.Multiple(() =>
        {
            Assert.That(report.SkippedLines.Select(s => s.LineNumber), Is.EqualTo(new[] { 3L, 4L }));
            Assert.That(report.SkippedLines[1].Reason, Does.Contain("Duplicate"));
            Assert.That(report.Result.Added, Is.EqualTo(2));
        });
    }

    [Test]
    public void Import_Utf16File_IsRefusedClearly()
    {
        byte[] bytes = [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes("{\"input\":1}")];

        var error = Assert.Throws<ImportFormatException>(() => DatasetTransfer.Import(_store, NewDataset(), WriteFile("wide.jsonl", bytes)))!;

        Assert.That(error.Reason, Does.Contain("UTF-16"));
    }

    [Test]
    public void Import_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var ds = NewDataset();
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"input\":1}\r\n{\"input\":2}\r\n"u8];

        var report = DatasetTransfer.Import(_store, ds, WriteFile("bom.jsonl", bytes));

        Assert.That(report.Result.Added, Is.EqualTo(2));
    }

    [Test]
    public void Import_UnknownExtensionOrMissingFile_FailsWithStandardExceptions()
    {
        var ds = NewDataset();

        Assert.Multiple(() =>
        {
            Assert.That(() => DatasetTransfer.Import(_store, ds, WriteFile("data.txt", "{}")), Throws.ArgumentException.With.Message.Contains("data.txt"));
            Assert.That(() => DatasetTransfer.Import(_store, ds, _directory.File("missing.jsonl")), Throws.InstanceOf<FileNotFoundException>());
        });
    }

    [Test]
    public void Import_UpsertMappedWithoutKey_IsRefusedBeforeReading()
    {
        var options = new ImportOptions { Mode = ImportMode.Upsert, Mapping = new FieldMapping { Input = ["q"] } };

        Assert.That(() => Import(NewDataset(), "q.jsonl", "{\"q\":1}", options), Throws.ArgumentException.With.Message.Contains("key"));
    }
}
