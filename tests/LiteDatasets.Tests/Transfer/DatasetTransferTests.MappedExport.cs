using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Transfer;

/// <summary>Export through an import mapping: items written back under the file's own fields.</summary>
public sealed partial class DatasetTransferTests
{
    // Shaped like Natural Instructions: the text to work on and its answers inside an array of instances.
    private const string TaskLines =
        "{\"id\":\"task1-0\",\"instances\":[{\"input\":\"Translate: bonjour\",\"output\":[\"hello\"]}],\"meta\":{\"task\":\"translation\",\"lang\":\"fr\"}}\n" +
        "{\"id\":\"task1-1\",\"instances\":[{\"input\":\"Übersetze: danke\",\"output\":[\"thanks\",\"thank you\"]}],\"meta\":{\"task\":\"translation\",\"lang\":\"de\"}}\n" +
        "{\"id\":\"task2-0\",\"instances\":[{\"input\":\"Is 7 prime?\",\"output\":[\"yes\"]}],\"meta\":{\"task\":\"math\",\"lang\":\"en\",\"level\":2.50}}\n";

    // Shaped like SQuAD: a question object and its answers with offsets.
    private const string QuestionLines =
        "{\"qid\":\"q1\",\"question\":{\"text\":\"Where is the Eiffel Tower?\",\"lang\":\"en\"},\"answers\":{\"text\":[\"Paris\"],\"start\":[31]}}\n" +
        "{\"qid\":\"q2\",\"question\":{\"text\":\"Wie hoch ist er?\",\"lang\":\"de\"},\"answers\":{\"text\":[\"330 m\",\"330 Meter\"],\"start\":[0,0]}}\n";

    private static readonly FieldMapping TaskMapping = new()
    {
        Input = ["/instances/0/input"],
        ExpectedOutput = "/instances/0/output",
        Key = "id",
        Metadata = ["/meta/task", "/meta/lang", "/meta/level"],
    };

    private string ExportMapped(string datasetId, TransferFormat format, FieldMapping mapping)
    {
        using var output = new MemoryStream();
        DatasetTransfer.Export(_store, datasetId, output, new ExportOptions { Format = format, Mapping = mapping });
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Test]
    public void Export_WithTheImportsMapping_GivesTheNestedLinesBackByteForByte()
    {
        var ds = NewDataset();
        Import(ds, "tasks.jsonl", TaskLines, new ImportOptions { Mapping = TaskMapping });

        Assert.That(ExportMapped(ds, TransferFormat.Jsonl, TaskMapping), Is.EqualTo(TaskLines));
    }

    [Test]
    public void Export_WithPointersIntoOneObject_GivesTheLinesBackByteForByte()
    {
        var ds = NewDataset();
        var mapping = new FieldMapping { Input = ["/question/text"], ExpectedOutput = "answers", Key = "qid", Metadata = ["/question/lang"] };
        Import(ds, "squad.jsonl", QuestionLines, new ImportOptions { Mapping = mapping });

        Assert.That(ExportMapped(ds, TransferFormat.Jsonl, mapping), Is.EqualTo(QuestionLines));
    }

    [Test]
    public void Export_SeveralInputFields_SpreadsTheInputObjectBack()
    {
        var ds = NewDataset();
        var lines = "{\"context\":\"Paris is in France.\",\"question\":\"Where is Paris?\",\"answer\":\"France\"}\n";
        var mapping = new FieldMapping { Input = ["context", "question"], ExpectedOutput = "answer" };
        Import(ds, "qa.jsonl", lines, new ImportOptions { Mapping = mapping });

        Assert.Multiple(() =>
        {
            Assert.That(_store.ReadItems(ds).Single().Input.ToJsonString(), Is.EqualTo("""{"context":"Paris is in France.","question":"Where is Paris?"}"""));
            Assert.That(ExportMapped(ds, TransferFormat.Jsonl, mapping), Is.EqualTo(lines));
        });
    }

    [Test]
    public void Export_MappedItemsLackingParts_LeavesThoseFieldsOut()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [new ItemDraft(JsonValue.Create("bare"))]);

        var json = ExportMapped(ds, TransferFormat.Json, TaskMapping);

        Assert.That(json, Is.EqualTo("[\n{\"instances\":[{\"input\":\"bare\"}]}\n]\n"));
    }

    [Test]
    public void Export_MappedCsv_WritesOneColumnPerTopLevelFieldAndReadsBack()
    {
        var ds = NewDataset();
        Import(ds, "tasks.jsonl", TaskLines, new ImportOptions { Mapping = TaskMapping });

        var csv = ExportMapped(ds, TransferFormat.Csv, TaskMapping);
        var copy = NewDataset("copy");
        Import(copy, "tasks.csv", csv, new ImportOptions { Mapping = TaskMapping, JsonColumns = ["instances", "meta"] });

        Assert.Multiple(() =>
        {
            Assert.That(csv.Split("\r\n")[0..2], Is.EqualTo(new[]
            {
                "id,instances,meta",
                "task1-0,\"[{\"\"input\"\":\"\"Translate: bonjour\"\",\"\"output\"\":[\"\"hello\"\"]}]\",\"{\"\"task\"\":\"\"translation\"\",\"\"lang\"\":\"\"fr\"\"}\"",
            }));
            Assert.That(ExportMapped(copy, TransferFormat.Jsonl, TaskMapping), Is.EqualTo(TaskLines));
        });
    }

    [Test]
    public void Export_MappingWithOneFieldInsideAnother_IsRefused()
    {
        var ds = NewDataset();
        var mapping = new FieldMapping { Input = ["/question/text"], Key = "question" };

        var ex = Assert.Throws<ArgumentException>(() => ExportMapped(ds, TransferFormat.Jsonl, mapping))!;

        Assert.That(ex.Message, Does.StartWith("The field '/question/text' lies inside the field 'question', so both cannot be written; map the fields so that none holds another."));
    }

    [Test]
    public void Export_PointerPastTheEndOfAnArray_IsRefusedNamingTheItem()
    {
        var ds = NewDataset();
        _store.AddItems(ds, [new ItemDraft(JsonValue.Create("x")) { Id = "only", ExpectedOutput = JsonValue.Create("y") }]);
        var mapping = new FieldMapping { Input = ["/instances/0/input"], ExpectedOutput = "/instances/2/output" };

        var ex = Assert.Throws<ArgumentException>(() => ExportMapped(ds, TransferFormat.Jsonl, mapping))!;

        Assert.That(ex.Message, Does.StartWith("The item 'only' cannot be written at '/instances/2/output': an array on the way has no element before that index; map array elements from index 0 on."));
    }

    [Test]
    public void Export_PointerWithAnIndexIntoNothing_CreatesAnObjectThatReadsBack()
    {
        var ds = NewDataset();
        var mapping = new FieldMapping { Input = ["/instances/1/input"] };
        _store.AddItems(ds, [new ItemDraft(JsonValue.Create("x"))]);

        var lines = ExportMapped(ds, TransferFormat.Jsonl, mapping);
        var copy = NewDataset("copy");
        Import(copy, "copy.jsonl", lines, new ImportOptions { Mapping = mapping });

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo("{\"instances\":{\"1\":{\"input\":\"x\"}}}\n"));
            Assert.That(_store.ReadItems(copy).Single().Input.GetValue<string>(), Is.EqualTo("x"));
        });
    }
}
