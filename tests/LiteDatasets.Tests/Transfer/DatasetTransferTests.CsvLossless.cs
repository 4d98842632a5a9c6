using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

/// <summary>
/// The native CSV shape keeps every JSON type (its payload columns hold JSON text) and is safe to open in a
/// spreadsheet (no cell starts like a formula), while files in the earlier native shape import as before.
/// </summary>
public sealed partial class DatasetTransferTests
{
    private const string LosslessHeader = "id,externalId,input:json,expectedOutput:json,metadata:json";

    [Test]
    public void ExportImport_CsvObjectInputAndArrayOutput_ComeBackWithTheirTypes()
    {
        var source = NewDataset("source");
        _store.AddItems(source, [
            new ItemDraft(JsonNode.Parse("""{"q":[1,2.50],"n":null}""")!) { Id = "1", ExternalId = "k1", ExpectedOutput = JsonNode.Parse("""["a",-1.0,true]""") },
            new ItemDraft(JsonNode.Parse("-7")!) { Id = "2", ExpectedOutput = JsonNode.Parse("false"), Metadata = new JsonObject { ["n"] = -1 } },
            new ItemDraft(JsonValue.Create("{\"not\":\"an object\"}")) { Id = "3", ExpectedOutput = JsonValue.Create("12") },
        ]);
        var copy = NewDataset("copy");

        Import(copy, "export.csv", ExportText(source, TransferFormat.Csv));

        Assert.Multiple(() =>
        {
            Assert.That(_store.ReadItems(copy).Select(ItemTexts), Is.EqualTo(_store.ReadItems(source).Select(ItemTexts)));
            Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(source, 1).Fingerprint));
        });
    }

    [Test]
    public void ImportUpsert_CsvExportedFromTheSameDataset_ChangesNothing()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [
            new ItemDraft(JsonNode.Parse("""{"question":"2+2"}""")!) { ExternalId = "k1", ExpectedOutput = JsonNode.Parse("[4]") },
            new ItemDraft(JsonNode.Parse("3")!) { ExpectedOutput = JsonValue.Create("three") },
        ]);

        var report = Import(ds, "export.csv", ExportText(ds, TransferFormat.Csv), new ImportOptions { Mode = ImportMode.Upsert });

        Assert.Multiple(() =>
        {
            Assert.That((report.Result.Created, report.Result.Updated, report.Result.Unchanged), Is.EqualTo((false, 0, 2)));
            Assert.That(_store.GetDataset(ds)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Export_Csv_PayloadsAreJsonTextAndNoCellStartsLikeAFormula()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [
            new ItemDraft(JsonNode.Parse("""{"q":[1,2.50]}""")!) { Id = "=cmd", ExternalId = "'k", ExpectedOutput = JsonNode.Parse("""["a",-1.0]"""), Metadata = new JsonObject { ["n"] = -1 } },
            new ItemDraft(JsonValue.Create("=1+1")) { Id = "@2", ExternalId = "-k", ExpectedOutput = JsonNode.Parse("-5") },
            new ItemDraft(JsonValue.Create("a, \"quoted\"")) { Id = "+3", ExternalId = "\tk\r" },
        ]);

        var csv = ExportText(ds, TransferFormat.Csv);

        Assert.That(csv.Split("\r\n"), Is.EqualTo(new[]
        {
            LosslessHeader,
            "'=cmd,''k,\"{\"\"q\"\":[1,2.50]}\",\"[\"\"a\"\",-1.0]\",\"{\"\"n\"\":-1}\"",
            "'@2,'-k,\"\"\"=1+1\"\"\",'-5,",
            "'+3,\"'\tk\r\",\"\"\"a, \\\"\"quoted\\\"\"\"\"\",,",
            "",
        }));
    }

    [Test]
    public void Import_CsvLosslessShape_DropsOneTextMarkerFromEachCell()
    {
        var ds = NewDataset();
        var csv = $"{LosslessHeader}\n'=cmd,''k,'-5,\"\"\"x\"\"\",\n2,'-k,'-1.50,,'{{}}\n";

        Import(ds, "marked.csv", csv);

        Assert.That(_store.ReadItems(ds).Select(ItemTexts), Is.EqualTo(new[]
        {
            ("=cmd", "'k", "-5", "\"x\"", "<none>"),
            ("2", "-k", "-1.50", "<none>", "{}"),
        }));
    }

    [Test]
    public void Import_CsvEarlierNativeShape_ReadsPayloadCellsAsStringsAsBefore()
    {
        var ds = NewDataset();
        var csv = "id,externalId,input,expectedOutput,metadata\n'=cmd,'k,\"{\"\"q\"\":1}\",-5,{}\n";

        Import(ds, "earlier.csv", csv);

        Assert.That(_store.ReadItems(ds).Select(ItemTexts), Is.EqualTo(new[] { ("'=cmd", "'k", "\"{\\u0022q\\u0022:1}\"", "\"-5\"", "{}") }));
    }

    [Test]
    public void Import_CsvJsonColumnOfAMappedShape_IgnoresALeadingTextMarker()
    {
        var ds = NewDataset();
        var options = new ImportOptions { Mapping = new FieldMapping { Input = ["q"], ExpectedOutput = "a" }, JsonColumns = ["a"] };

        Import(ds, "mapped.csv", "q,a\n'-5,'-5\n", options);

        Assert.That(_store.ReadItems(ds).Select(i => (i.Input.GetValue<string>(), i.ExpectedOutput!.ToJsonString())), Is.EqualTo(new[] { ("'-5", "-5") }));
    }

    [TestCase("input:json,expectedOutput\n1,2\n", "'expectedOutput'")]
    [TestCase("input,metadata:json\n1,{}\n", "'input'")]
    [TestCase("input,input:json\n1,2\n", "'input'")]
    [TestCase("id:json,input:json\n\"\"\"a\"\"\",1\n", "'id:json'")]
    public void Import_CsvHeaderMixingBothNativeShapes_FailsOnLineOne(string csv, string column)
    {
        var error = ImportFails(NewDataset(), "mixed.csv", csv);

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(1));
            Assert.That(error.Reason, Does.Contain(column));
        });
    }

    [Test]
    public void Import_CsvLosslessShapeWithEmptyInputCell_NamesTheCell()
    {
        var error = ImportFails(NewDataset(), "empty.csv", "input:json,expectedOutput:json\n,1\n");

        Assert.Multiple(() =>
        {
            Assert.That(error.LineNumber, Is.EqualTo(2));
            Assert.That(error.Reason, Does.Contain("input:json"));
        });
    }

    private static (string Id, string ExternalId, string Input, string Expected, string Metadata) ItemTexts(DatasetItem item) =>
        (item.Id, item.ExternalId ?? "<none>", item.Input.ToJsonString(), item.ExpectedOutput?.ToJsonString() ?? "<none>", item.Metadata?.ToJsonString() ?? "<none>");
}
