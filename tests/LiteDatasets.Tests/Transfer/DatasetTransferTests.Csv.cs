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
    public void Import_CsvEarlierNativeShapeWithJsonColumns_ParsesThoseCells()
    {
        var ds = NewDataset();
        var csv = "id,externalId,input,expectedOutput,metadata\n1,k1,\"{\"\"q\"\":[1,2.50]}\",true,\"{\"\"n\"\":1}\"\n2,k2,\"\"\"text\"\"\",,\n";

        var report = Import(ds, "earlier.csv", csv, new ImportOptions { JsonColumns = ["input", "expectedOutput"] });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(2));
            Assert.That(ExportText(ds, TransferFormat.Jsonl), Is.EqualTo(
                "{\"id\":\"1\",\"externalId\":\"k1\",\"input\":{\"q\":[1,2.50]},\"expectedOutput\":true,\"metadata\":{\"n\":1}}\n" +
                "{\"id\":\"2\",\"externalId\":\"k2\",\"input\":\"text\"}\n"));
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
