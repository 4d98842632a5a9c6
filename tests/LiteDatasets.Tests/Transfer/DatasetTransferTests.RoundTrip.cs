using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

public sealed partial class DatasetTransferTests
{
    private static readonly ImportOptions Gsm8kMapping = new() { Mapping = new FieldMapping { Input = ["question"], ExpectedOutput = "answer" } };

    [Test]
    public void ExportImportExport_Gsm8kTrain_GivesIdenticalItems()
    {
        var source = NewDataset("gsm8k");
        var imported = DatasetTransfer.Import(_store, source, Gsm8k("train.jsonl"), Gsm8kMapping);
        var (copy, first, second) = ExportImportExport(source, ".jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(imported.Result.Added, Is.EqualTo(7473));
            Assert.That(File.ReadAllBytes(second), Is.EqualTo(File.ReadAllBytes(first)));
            Assert.That(_store.GetVersion(copy, 1).Fingerprint, Is.EqualTo(_store.GetVersion(source, 1).Fingerprint));
        });
    }

    [TestCase(TransferFormat.Json)]
    [TestCase(TransferFormat.Jsonl)]
    public void ExportImport_ExactPayloads_RoundTripInEachJsonFormat(TransferFormat format)
    {
        var source = NewDataset("source");
        var input = JsonNode.Parse("""{"b":1.0,"a":9007199254740993,"B":"é\n\"x\""}""")!;
        _store.AddItems(source, [
            new ItemDraft(input) { ExternalId = "k1", Metadata = new JsonObject { ["split"] = "test" } },
            new ItemDraft(JsonValue.Create("plain")) { ExpectedOutput = JsonNode.Parse("[1e400,{}]") },
        ]);
        var text = ExportText(source, format);

        var copy = NewDataset("copy");
        DatasetTransfer.Import(_store, copy, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), new ImportOptions { Format = format });

        Assert.Multiple(() =>
        {
            Assert.That(ExportText(copy, format), Is.EqualTo(text));
            Assert.That(_store.ReadItems(copy).First().Input.ToJsonString(), Is.EqualTo(input.ToJsonString()));
        });
    }

    [Test]
    public void Export_JsonlShape_IsNativeWithAbsentMembersLeftOut()
    {
        var ds = NewDataset();
        var added = _store.AddItems(ds, [
            new ItemDraft(JsonValue.Create("q")) { ExternalId = "k", ExpectedOutput = JsonValue.Create(4), Metadata = new JsonObject { ["m"] = true } },
            new ItemDraft(JsonValue.Create("r")),
        ]);

        var lines = ExportText(ds, TransferFormat.Jsonl).Split('\n');

        Assert.That(lines, Is.EqualTo(new[]
        {
            $$$"""{"id":"{{{added.Items[0].Id}}}","externalId":"k","input":"q","expectedOutput":4,"metadata":{"m":true}}""",
            $$"""{"id":"{{added.Items[1].Id}}","input":"r"}""",
            "",
        }));
    }

    [Test]
    public void Export_Json_IsOneArrayWithAnItemPerLine()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [new ItemDraft(JsonValue.Create("a")) { Id = "1" }, new ItemDraft(JsonValue.Create("b")) { Id = "2" }]);

        Assert.Multiple(() =>
        {
            Assert.That(ExportText(ds, TransferFormat.Json), Is.EqualTo("[\n{\"id\":\"1\",\"input\":\"a\"},\n{\"id\":\"2\",\"input\":\"b\"}\n]\n"));
            Assert.That(ExportText(NewDataset("empty"), TransferFormat.Json), Is.EqualTo("[]\n"));
        });
    }

    [Test]
    public void Export_OldVersionOrTag_WritesThatSnapshot()
    {
        var ds = NewDataset();
        var first = _store.AddItems(ds, [new ItemDraft(JsonValue.Create("a")) { Id = "1" }]);
        _store.TagVersion(ds, 1, "golden");
        _store.UpdateItem(ds, "1", new ItemPatch { Input = JsonValue.Create("changed") });
        var path = _directory.File("golden.jsonl");

        var result = DatasetTransfer.Export(_store, ds, path, new ExportOptions { Tag = "golden" });

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo("{\"id\":\"1\",\"input\":\"a\"}\n"));
            Assert.That(result, Is.EqualTo(new ExportResult(ds, 1, 1, TransferFormat.Jsonl)));
            Assert.That(ExportText(ds, TransferFormat.Jsonl, version: 0), Is.Empty);
            Assert.That(first.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Export_UnknownTag_FailsAndLeavesNoFile()
    {
        var ds = NewDataset();
        var path = _directory.File("out.jsonl");

        var error = Assert.Throws<LiteDatasetsException>(() => DatasetTransfer.Export(_store, ds, path, new ExportOptions { Tag = "nope" }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Code, Is.EqualTo(ErrorCode.TagNotFound));
            Assert.That(Directory.GetFiles(_directory.Path), Is.Empty);
        });
    }

    [Test]
    public void Import_Gsm8kJsonArrayReadInTinyChunks_MatchesJsonlImport()
    {
        var fromLines = NewDataset("lines");
        DatasetTransfer.Import(_store, fromLines, Gsm8k("test.jsonl"), Gsm8kMapping);
        var array = "[" + string.Join(",\n  ", File.ReadLines(Gsm8k("test.jsonl")).Take(200)) + "]";
        var fromArray = NewDataset("array");

        using var trickle = new TrickleStream(System.Text.Encoding.UTF8.GetBytes(array));
        var report = DatasetTransfer.Import(_store, fromArray, trickle, Gsm8kMapping with { Format = TransferFormat.Json });

        Assert.Multiple(() =>
        {
            Assert.That(report.Result.Added, Is.EqualTo(200));
            Assert.That(_store.ReadItems(fromArray).Select(i => i.ExpectedOutput!.ToJsonString()),
                Is.EqualTo(_store.ReadItems(fromLines).Take(200).Select(i => i.ExpectedOutput!.ToJsonString())));
        });
    }
}
