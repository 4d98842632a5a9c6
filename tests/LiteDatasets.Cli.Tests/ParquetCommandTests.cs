using Parquet.Schema;
using Parquet.Serialization;

namespace LiteDatasets.Cli.Tests;

/// <summary>Parquet through import and export: a hub dataset's columns mapped, the native columns written and read back.</summary>
[TestFixture]
public sealed class ParquetCommandTests : CliTestBase
{
    private const string Typed =
        """
        {"id":"1","externalId":"k1","input":{"question":"2*2","choices":[3,4]},"expectedOutput":[4],"metadata":{"delta":-1.50}}
        {"id":"2","input":"-3 apples"}

        """;

    [Test]
    public async Task Import_HubParquet_MapsTheColumnsNamed()
    {
        var schema = new ParquetSchema(
            new DataField<string>("question"),
            new DataField<string>("answer"),
            new ListField("choices", new DataField<string>("element")),
            new DataField<long>("label"),
            new StructField("meta", new DataField<string>("source")));
        await WriteParquet("train.parquet", schema,
            Row("Two and two?", "4", ["3", "4"], 1, "arith"),
            Row("Capital of France?", "Paris", ["Paris", "Rome"], 0, "geo"));

        var result = Run("import", "evals.litedb", "qa", "train.parquet", "--input", "question", "--expected", "answer",
            "--metadata", "label", "--metadata", "/meta/source", "--key-from-line", "--create");

        var item = RunJson("show", "evals.litedb", "qa", "2")["item"]!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Is.EqualTo(
                "Created dataset qa.\n" +
                "Imported train.parquet into qa as version 1: 2 added, 0 updated, 0 deleted, 0 unchanged.\n"));
            Assert.That(item["input"]!.ToJsonString(), Is.EqualTo("\"Capital of France?\""));
            Assert.That(item["expectedOutput"]!.ToJsonString(), Is.EqualTo("\"Paris\""));
            Assert.That(item["metadata"]!.ToJsonString(), Is.EqualTo("""{"label":0,"source":"geo"}"""));
        });
    }

    [Test]
    public async Task Export_Parquet_WritesTheNativeColumnsAsJsonTextAndImportsBack()
    {
        WriteFile("typed.jsonl", Typed);
        Run("import", "evals.litedb", "qa", "typed.jsonl", "--create");

        var result = Run("export", "evals.litedb", "qa", "out.parquet");
        var copy = Run("import", "evals.litedb", "copy", "out.parquet", "--create");

        await using var file = File.OpenRead(Path.Combine(Directory, "out.parquet"));
        var rows = (await ParquetSerializer.DeserializeUntypedAsync(file)).Data;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Is.EqualTo("Exported 2 items of qa version 1 to out.parquet.\n"));
            Assert.That(rows, Is.EqualTo(new[]
            {
                new Dictionary<string, object> { ["id"] = "1", ["externalId"] = "k1", ["input"] = """{"question":"2*2","choices":[3,4]}""", ["expectedOutput"] = "[4]", ["metadata"] = """{"delta":-1.50}""" },
                new Dictionary<string, object> { ["id"] = "2", ["input"] = "\"-3 apples\"" },
            }));
            Assert.That(copy.Output, Is.EqualTo("Created dataset copy.\nImported out.parquet into copy as version 1: 2 added, 0 updated, 0 deleted, 0 unchanged.\n"));
            Assert.That(Fingerprint("copy"), Is.EqualTo(Fingerprint("qa")));
        });
    }

    [Test]
    public void ExportAndImport_MappedParquet_ReadTheJsonColumnsBack()
    {
        WriteFile("qa.jsonl", "{\"q\":\"2*2\",\"a\":4,\"tags\":[\"x\"]}\n");
        Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--expected", "a", "--metadata", "tags", "--key-from-line", "--create");

        var export = Run("export", "evals.litedb", "qa", "qa.parquet", "--input", "q", "--expected", "a", "--metadata", "tags");
        var import = Run("import", "evals.litedb", "copy", "qa.parquet", "--input", "q", "--expected", "a", "--metadata", "tags",
            "--json-column", "a", "--json-column", "tags", "--key-from-line", "--create");

        var original = RunJson("show", "evals.litedb", "qa", "1")["item"]!;
        var copied = RunJson("show", "evals.litedb", "copy", "1")["item"]!;
        Assert.Multiple(() =>
        {
            Assert.That(export.ExitCode, Is.Zero, export.ToString);
            Assert.That(import.ExitCode, Is.Zero, import.ToString);
            Assert.That(copied["expectedOutput"]!.ToJsonString(), Is.EqualTo("4"));
            foreach (var part in new[] { "input", "expectedOutput", "metadata" })
            {
                Assert.That(copied[part]!.ToJsonString(), Is.EqualTo(original[part]!.ToJsonString()), part);
            }
        });
    }

    [Test]
    public void Import_FileThatIsNotParquet_FailsWithImportFormat()
    {
        WriteFile("notes.parquet", "just some text\n");

        var result = Run("import", "evals.litedb", "qa", "notes.parquet", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo("error: notes.parquet: is not a Parquet file that can be read (not a parquet file, head: 6A757374, tail: 6578740A). Check that the file is complete and is Parquet. Nothing was imported.\n"));
        });
    }

    private static Dictionary<string, object?> Row(string question, string answer, string[] choices, long label, string source) => new()
    {
        ["question"] = question,
        ["answer"] = answer,
        // Parquet.Net 6 takes the strings of a list as memory.
        ["choices"] = choices.Select(choice => (ReadOnlyMemory<char>?)choice.AsMemory()).ToList(),
        ["label"] = label,
        ["meta"] = new Dictionary<string, object?> { ["source"] = source },
    };

    private async Task WriteParquet(string name, ParquetSchema schema, params Dictionary<string, object?>[] rows)
    {
        await using var file = File.Create(Path.Combine(Directory, name));
        await ParquetSerializer.SerializeUntypedAsync(rows.Cast<IDictionary<string, object?>>().ToList(), schema, file);
    }

    private string Fingerprint(string dataset) => RunJson("versions", "evals.litedb", dataset)["versions"]![0]!["fingerprint"]!.GetValue<string>();
}
