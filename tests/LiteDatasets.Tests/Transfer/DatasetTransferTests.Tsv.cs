namespace LiteDatasets.Tests.Transfer;

/// <summary>TSV files and CSV files with another delimiter, both ways.</summary>
public sealed partial class DatasetTransferTests
{
    [Test]
    public void Import_TsvByExtension_SplitsOnTabsOnly()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer", Key = "id" } };

        var report = Import(ds, "qa.tsv", "id\tquestion\tanswer\nq1\tWhat is 2+2, twice?\t8\nq2\t\"Say \"\"hi\"\"\tthen\"\thi\n", options);

        var items = _store.ReadItems(ds).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(report.Format, Is.EqualTo(TransferFormat.Tsv));
            Assert.That(items.Select(i => i.Input.GetValue<string>()), Is.EqualTo(new[] { "What is 2+2, twice?", "Say \"hi\"\tthen" }));
            Assert.That(items.Select(i => i.ExpectedOutput!.GetValue<string>()), Is.EqualTo(new[] { "8", "hi" }));
        });
    }

    [Test]
    public void Export_Tsv_WritesTheNativeColumnsSeparatedByTabsAndReadsBack()
    {
        var ds = NewDataset();
        Import(ds, "native.jsonl", "{\"id\":\"1\",\"input\":\"a\\tb\",\"expectedOutput\":-2,\"metadata\":{\"k\":[1,2]}}\n");

        var tsv = ExportText(ds, TransferFormat.Tsv);
        var copy = NewDataset("copy");
        Import(copy, "copy.tsv", tsv);

        Assert.Multiple(() =>
        {
            Assert.That(tsv, Is.EqualTo("id\texternalId\tinput:json\texpectedOutput:json\tmetadata:json\r\n1\t\t\"\"\"a\\tb\"\"\"\t'-2\t\"{\"\"k\"\":[1,2]}\"\r\n"));
            Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(ds, 1).Fingerprint));
        });
    }

    [Test]
    public void ImportAndExport_CsvWithSemicolons_UseTheDelimiterGiven()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "a" }, CsvDelimiter = ';' };
        Import(ds, "qa.csv", "q;a\n1,5 + 1;2,5\n", options);

        using var output = new MemoryStream();
        DatasetTransfer.Export(_store, ds, output, new ExportOptions { Format = TransferFormat.Csv, CsvDelimiter = ';', Mapping = options.Mapping });

        Assert.That(System.Text.Encoding.UTF8.GetString(output.ToArray()), Is.EqualTo("q;a\r\n1,5 + 1;2,5\r\n"));
    }

    [TestCase('"')]
    [TestCase('\n')]
    public void Import_CsvDelimiterQuoteOrNewline_IsRefused(char delimiter)
    {
        var ds = NewDataset();

        var ex = Assert.Throws<ArgumentException>(() => Import(ds, "qa.csv", "q\nx\n", new ImportOptions { Mapping = new FieldMapping { Input = ["q"] }, CsvDelimiter = delimiter }))!;

        Assert.That(ex.Message, Does.StartWith("The CSV delimiter cannot be a quote or a line break; use a character such as ',', ';' or a tab."));
    }
}
