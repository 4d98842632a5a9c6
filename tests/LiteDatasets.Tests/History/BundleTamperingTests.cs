using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.History;

/// <summary>A bundle is untrusted: any change to its records that the history does not add up to refuses the import whole.</summary>
public sealed class BundleTamperingTests : HistoryFixture
{
    [Test]
    public void Import_OneByteOfOnePayloadChanged_IsRefusedAndWritesNothing()
    {
        var lines = BundleLines(Source, DatasetId);
        var index = lines.FindIndex(l => l.StartsWith("""{"type":"update""", StringComparison.Ordinal));
        var record = JsonNode.Parse(lines[index])!.AsObject();
        record["input"] = record["input"]!.ToJsonString() + "x";
        lines[index] = record.ToJsonString();

        AssertRefused(lines, "fingerprint");
    }

    [Test]
    public void Import_AVersionDropped_IsRefused()
    {
        var lines = BundleLines(Source, DatasetId);
        var start = lines.FindIndex(l => l.StartsWith("""{"type":"version","number":4,""", StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => !IsChange(l));
        lines.RemoveRange(start, end - start);

        AssertRefused(lines, "version 5 where version 4 should follow");
    }

    [Test]
    public void Import_TheLastVersionDropped_IsRefusedAsCutOff()
    {
        var lines = BundleLines(Source, DatasetId);
        var start = lines.FindLastIndex(l => l.StartsWith("""{"type":"version""", StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => !IsChange(l));
        lines.RemoveRange(start, end - start);

        AssertRefused(lines, "records are missing");
    }

    [Test]
    public void Import_ATagPointingPastTheEnd_IsRefused()
    {
        var lines = BundleLines(Source, DatasetId);
        var index = lines.FindIndex(l => l.StartsWith("""{"type":"tag""", StringComparison.Ordinal));
        lines[index] = """{"type":"tag","name":"first-cut","version":100000}""";

        AssertRefused(lines, "does not hold");
    }

    [Test]
    public void Import_WithoutItsEndRecord_IsRefused()
    {
        var lines = BundleLines(Source, DatasetId);
        lines.RemoveAt(lines.Count - 1);

        AssertRefused(lines, "cut off");
    }

    [Test]
    public void Import_AnUnknownField_IsRefusedWithItsLine()
    {
        var lines = BundleLines(Source, DatasetId);
        lines[1] = lines[1].Replace("{", """{"extra":1,""", StringComparison.Ordinal);

        var error = AssertRefused(lines, "'extra' is not a field");
        Assert.That(error.LineNumber, Is.EqualTo(2));
    }

    [Test]
    public void Import_AnItemThatFailsTheSchemaInForce_IsSchemaViolation()
    {
        using var small = Open("small.litedb");
        var dataset = small.CreateDataset(new DatasetDefinition("typed") { InputSchema = JsonNode.Parse("""{"type":"string"}""") });
        small.AddItems(dataset.Id, [new ItemDraft(JsonValue.Create("a")), new ItemDraft(JsonValue.Create("b"))]);
        var lines = BundleLines(small, dataset.Id);
        var index = lines.FindIndex(l => l.StartsWith("""{"type":"add""", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("\"input\":\"a\"", "\"input\":1", StringComparison.Ordinal);

        using var bundle = Bundle(lines);
        Assert.That(() => DatasetHistory.Import(Target, bundle), Throws.TypeOf<SchemaViolationException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(ErrorCode.SchemaViolation));
        Assert.That(Target.GetDataset(dataset.Id), Is.Null);
    }

    [Test]
    public void Import_TwoLiveItemsWithOneExternalId_IsRefused()
    {
        using var small = Open("small.litedb");
        var dataset = small.CreateDataset(new DatasetDefinition("keyed"));
        small.AddItems(dataset.Id, [new ItemDraft(JsonValue.Create("a")) { ExternalId = "k1" }, new ItemDraft(JsonValue.Create("b")) { ExternalId = "k2" }]);
        var lines = BundleLines(small, dataset.Id).Select(l => l.Replace("\"k2\"", "\"k1\"", StringComparison.Ordinal)).ToList();

        using var bundle = Bundle(lines);
        var error = Assert.Throws<ImportFormatException>(() => DatasetHistory.Import(Target, bundle))!;
        Assert.That(error.Message, Does.Contain("external id 'k1'"));
    }

    [Test]
    public void Import_AVersionOlderThanTheOneBefore_IsRefused()
    {
        var lines = BundleLines(Source, DatasetId);
        var index = lines.FindIndex(l => l.StartsWith("""{"type":"version","number":2,""", StringComparison.Ordinal));
        var record = JsonNode.Parse(lines[index])!.AsObject();
        record["createdAt"] = "2000-01-01T00:00:00.000Z";
        lines[index] = record.ToJsonString();

        AssertRefused(lines, "never goes back");
    }

    [Test]
    public void Import_AFileThatIsNoBundle_IsRefusedAtItsFirstLine()
    {
        var error = AssertRefused(["""{"input":"2+2","expectedOutput":"4"}"""], "type");
        Assert.That(error.LineNumber, Is.EqualTo(1));
    }

    private static bool IsChange(string line) =>
        !line.StartsWith("""{"type":"version""", StringComparison.Ordinal) && !line.StartsWith("""{"type":"tag""", StringComparison.Ordinal) && !line.StartsWith("""{"type":"end""", StringComparison.Ordinal);

    private ImportFormatException AssertRefused(List<string> lines, string reason)
    {
        using var bundle = Bundle(lines);
        var error = Assert.Throws<ImportFormatException>(() => DatasetHistory.Import(Target, bundle))!;
        Assert.Multiple(() =>
        {
            Assert.That(error.Message, Does.Contain(reason));
            Assert.That(Target.GetDataset(DatasetId), Is.Null, "nothing written");
        });
        return error;
    }
}
