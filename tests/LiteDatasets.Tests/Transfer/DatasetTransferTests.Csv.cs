using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

public sealed partial class DatasetTransferTests
{
    [Test]
    public void Import_CsvCells_AreStringsUnlessTheColumnIsJson()
    {
        var ds = NewDataset();
        var csv = "q,score,tags,note\n\"2+2, twice\",4,\"[\"\"a\"\"]\",\n3+3,6.0,,\"multi\nline\"\n";
        var options = new ImportOptions
        {
            Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "score", Metadata = ["tags", "note"] },
            JsonColumns = ["score", "tags"],
        };

        Import(ds, "data.csv", csv, options);

        var items = _store.ReadItems(ds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.Input.ToJsonString()), Is.EqualTo(new[] { "\"2\u002B2, twice\"", "\"3\u002B3\"" }.Select(s => JsonNode.Parse(s)!.ToJsonString())));
            Assert.That(items.Select(i => i.ExpectedOutput!.ToJsonString()), Is.EqualTo(new[] { "4", "6.0" }));
            Assert.That(items[0].Metadata!.ToJsonString(), Is.EqualTo("""{"tags":["a"]}"""));
            Assert.That(items[1].Metadata!.ToJsonString(), Is.EqualTo("""{"note":"multi\nline"}"""));
        });
    }

    [Test]
    public void Export_Csv_WritesNonStringValuesAsJsonText()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [
            new ItemDraft(JsonValue.Create("a, \"quoted\"")) { Id = "1", ExpectedOutput = JsonValue.Create(4) },
            new ItemDraft(JsonNode.Parse("""{"q":[1,2]}""")!) { Id = "2", ExternalId = "k", Metadata = new JsonObject { ["split"] = "test" } },
        ]);

        var csv = ExportText(ds, TransferFormat.Csv);

        Assert.That(csv.Split("\r\n"), Is.EqualTo(new[]
        {
            "id,externalId,input,expectedOutput,metadata",
            "1,,\"a, \"\"quoted\"\"\",4,",
            "2,k,\"{\"\"q\"\":[1,2]}\",,\"{\"\"split\"\":\"\"test\"\"}\"",
            "",
        }));
    }

    [Test]
    public void ExportImport_CsvWithJsonColumns_RoundTripsNonStringValues()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [
            new ItemDraft(JsonNode.Parse("""{"q":[1,2.50]}""")!) { Id = "1", ExternalId = "k1", ExpectedOutput = JsonValue.Create(true), Metadata = new JsonObject { ["n"] = 1 } },
            new ItemDraft(JsonNode.Parse("\"text\"")!) { Id = "2", ExternalId = "k2" },
        ]);
        var csv = ExportText(ds, TransferFormat.Csv);
        var copy = NewDataset("copy");

        var report = Import(copy, "export.csv", csv.Replace(",text,", ",\"\"\"text\"\"\",", StringComparison.Ordinal), new ImportOptions { JsonColumns = ["input", "expectedOutput"] });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(2));
            Assert.That(ExportText(copy, TransferFormat.Jsonl), Is.EqualTo(ExportText(ds, TransferFormat.Jsonl)));
        });
    }

    [Test]
    public void Import_CsvNativeStrings_EmptyCellsAreAbsent()
    {
        var ds = NewDataset();

        Import(ds, "native.csv", "id,externalId,input,expectedOutput,metadata\n,,hello,,\nx1,k,bye,ciao,\"{\"\"m\"\":1}\"\n");

        var items = _store.ReadItems(ds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(items[0].ExternalId, Is.Null);
            Assert.That(items[0].ExpectedOutput, Is.Null);
            Assert.That(items[1].Id, Is.EqualTo("x1"));
            Assert.That(items[1].Metadata!.ToJsonString(), Is.EqualTo("""{"m":1}"""));
        });
    }

    [TestCase("q,a\n1,2,3\n4,5\n", 2, "different number of cells")]
    [TestCase("q,a\n1,2\n\"4\"x,5\n", 3, "quote")]
    [TestCase("q,a\n1,[oops\n", 2, "not valid JSON")]
    public void Import_MalformedCsvRow_FailsWithItsLine(string csv, long line, string reason)
    {
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "a" }, JsonColumns = ["a"] };

        var error = ImportFails(NewDataset(), "bad.csv", csv, options);

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(line));
            Assert.That(error.Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void Import_CsvBadRowsWhenSkipping_AreReportedWithLines()
    {
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"] }, SkipBadLines = true };
        byte[] bytes = [.. "q\nfine\n\"two\nlines\" x\nbad"u8, 0xFE, .. "\nlast\n"u8];

        var report = DatasetTransfer.Import(_store, NewDataset(), WriteFile("skip.csv", bytes), options);

        Assert.Multiple(() =>
        {
            Assert.That(report.SkippedLines.Select(s => s.LineNumber), Is.EqualTo(new[] { 3L, 5L }));
            Assert.That(report.Result.Added, Is.EqualTo(2));
        });
    }

    [Test]
    public void Import_CsvHeaderMissingMappedColumn_FailsOnLineOne()
    {
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["question"] } };

        var error = ImportFails(NewDataset(), "h.csv", "q,a\n1,2\n", options);

        Assert.That((error.LineNumber, error.Reason), Is.EqualTo((1L, "The header has no column 'question'.")));
    }

    [Test]
    public void Import_CsvNativeUnknownColumn_FailsOnLineOne()
    {
        var error = ImportFails(NewDataset(), "h.csv", "input,answer\n1,2\n");

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(1));
            Assert.That(error.Reason, Does.Contain("'answer'"));
        });
    }
}
