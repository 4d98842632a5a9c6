namespace LiteDatasets.Cli.Tests;

/// <summary>Import of real shapes: JSON Pointers, constant metadata, keys from line numbers, TSV and other delimiters.</summary>
[TestFixture]
public sealed class ImportShapeCommandTests : CliTestBase
{
    internal const string Tasks =
        "{\"id\":\"task1-0\",\"instances\":[{\"input\":\"Translate: bonjour\",\"output\":[\"hello\"]}],\"meta\":{\"task\":\"translation\"}}\n" +
        "{\"id\":\"task1-1\",\"instances\":[{\"input\":\"Translate: merci\",\"output\":[\"thanks\"]}],\"meta\":{\"task\":\"translation\"}}\n" +
        "{\"id\":\"task2-0\",\"instances\":[{\"input\":\"Is 7 prime?\",\"output\":[\"yes\"]}],\"meta\":{\"task\":\"math\",\"level\":2}}\n";

    private const string Unkeyed = "{\"q\":\"1+1\",\"a\":\"2\"}\n\n{\"q\":\"2+2\",\"a\":\"4\"}\n{\"q\":\"3+3\",\"a\":\"6\"}\n";

    [Test]
    public void Import_NestedPointersAndConstants_MapEachRecord()
    {
        WriteFile("tasks.jsonl", Tasks);

        var result = Run("import", "evals.litedb", "tasks", "tasks.jsonl", "--input", "/instances/0/input", "--expected", "/instances/0/output",
            "--key", "/id", "--metadata", "/meta/task", "--metadata", "/meta/level", "--set-metadata", "split=test", "--create");

        var item = RunJson("show", "evals.litedb", "tasks", "task1-1")["item"]!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Is.EqualTo(
                "Created dataset tasks.\n" +
                "Imported tasks.jsonl into tasks as version 1: 3 added, 0 updated, 0 deleted, 0 unchanged.\n" +
                "2 record(s) have no '/meta/level' (imported without it).\n"));
            Assert.That(item["input"]!.ToJsonString(), Is.EqualTo("\"Translate: merci\""));
            Assert.That(item["expectedOutput"]!.ToJsonString(), Is.EqualTo("""["thanks"]"""));
            Assert.That(item["metadata"]!.ToJsonString(), Is.EqualTo("""{"task":"translation","split":"test"}"""));
        });
    }

    [Test]
    public void Import_SetMetadataValues_AreJsonWhenTheyParseElseText()
    {
        WriteFile("qa.jsonl", Unkeyed);

        var json = RunJson("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--key-from-line", "--create",
            "--set-metadata", "split=test", "--set-metadata", "round=3", "--set-metadata", "gold=true", "--set-metadata", "code=\"007\"", "--set-metadata", "note=a=b");

        Assert.Multiple(() =>
        {
            Assert.That(json["lackingFields"]!.ToJsonString(), Is.EqualTo("{}"));
            Assert.That(RunJson("show", "evals.litedb", "qa", "3")["item"]!["metadata"]!.ToJsonString(),
                Is.EqualTo("""{"split":"test","round":3,"gold":true,"code":"007","note":"a=b"}"""));
        });
    }

    [TestCase("--metadata", "split", "--set-metadata split=... and --metadata split both fill the metadata field 'split'; drop one of them.")]
    [TestCase("--metadata", "/info/split", "--set-metadata split=... and --metadata /info/split both fill the metadata field 'split'; drop one of them.")]
    public void Import_SetMetadataClashingWithAMappedField_FailsWithoutWriting(string option, string field, string message)
    {
        WriteFile("qa.jsonl", Unkeyed);

        var result = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", option, field, "--set-metadata", "split=test", "--create", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(result.Error, Is.EqualTo($"error: {message}{Environment.NewLine}"));
            Assert.That(File.Exists(Path.Combine(Directory, "evals.litedb")), Is.False);
        });
    }

    [TestCase("qa.jsonl", new[] { "--set-metadata", "split" }, "The value 'split' of --set-metadata is not KEY=VALUE; write for example --set-metadata split=test.")]
    [TestCase("qa.jsonl", new[] { "--key", "q", "--key-from-line" }, "Give --key or --key-from-line, not both: each record has one key.")]
    [TestCase("qa.jsonl", new[] { "--input", "/q~2" }, "The JSON Pointer '/q~2' has a '~' that is not followed by 0 or 1; write ~0 for '~' and ~1 for '/' in a field name.")]
    [TestCase("qa.csv", new[] { "--delimiter", ";;" }, "The delimiter ';;' is not one character; write for example --delimiter ';', or --delimiter '\\t' for a tab.")]
    [TestCase("qa.csv", new[] { "--delimiter", "\"" }, "The CSV delimiter cannot be a quote or a line break; use a character such as ',', ';' or a tab.")]
    [TestCase("qa.csv", new[] { "--delimiter", ";", "--format", "jsonl" }, "--delimiter applies to CSV files; JSONL and JSON have no delimiter.")]
    [TestCase("qa.csv", new[] { "--delimiter", ";", "--format", "tsv" }, "TSV cells are separated by tabs; for another delimiter use --format csv with --delimiter.")]
    [TestCase("qa.csv", new[] { "--format", "xlsx" }, "The format 'xlsx' is not one of jsonl, json, csv, tsv or parquet.")]
    public void Import_OptionMistakes_FailWithOneLine(string file, string[] options, string message)
    {
        WriteFile(file, file.EndsWith(".csv", StringComparison.Ordinal) ? "q,a\nx,y\n" : Unkeyed);
        string[] input = options.Contains("--input") ? [] : ["--input", "q"];

        var result = Run(["import", "evals.litedb", "qa", file, .. input, .. options, "--create"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: {message}{Environment.NewLine}"));
        });
    }

    [Test]
    public void Import_SetMetadataOrLineKeysWithoutInput_AsksForTheInputField()
    {
        WriteFile("native.jsonl", "{\"input\":1}\n");

        var result = Run("import", "evals.litedb", "qa", "native.jsonl", "--key-from-line", "--create");

        Assert.That(result.Error, Is.EqualTo("error: --expected, --metadata, --key, --key-from-line and --set-metadata map fields of another shape: name the input field(s) with --input too." + Environment.NewLine));
    }

    [Test]
    public void Import_KeyFromLineTwice_KeysByLineAndChangesNothing()
    {
        WriteFile("qa.jsonl", Unkeyed);
        Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--expected", "a", "--key-from-line", "--create");

        var again = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--expected", "a", "--key-from-line", "--mode", "sync");

        var keys = RunJson("items", "evals.litedb", "qa")["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Is.EqualTo("Read 3 records from qa.jsonl: nothing changed, so no version was created (qa stays at version 1).\n"));
            Assert.That(keys, Is.EqualTo(new[] { "1", "3", "4" }));
        });
    }

    [Test]
    public void Import_TsvFile_IsToldByItsExtension()
    {
        WriteFile("qa.tsv", "id\tquestion\tanswer\nq1\tWhat is 2+2, twice?\t8\n");

        var json = RunJson("import", "evals.litedb", "qa", "qa.tsv", "--input", "question", "--expected", "answer", "--key", "id", "--create");

        Assert.Multiple(() =>
        {
            Assert.That((json["format"]!.GetValue<string>(), json["added"]!.GetValue<int>()), Is.EqualTo(("tsv", 1)));
            Assert.That(RunJson("show", "evals.litedb", "qa", "q1")["item"]!["input"]!.GetValue<string>(), Is.EqualTo("What is 2+2, twice?"));
        });
    }

    [TestCase(";", "q;a\n1,5;2,5\n")]
    [TestCase("\\t", "q\ta\n1,5\t2,5\n")]
    public void Import_CsvWithDelimiter_SplitsOnIt(string delimiter, string csv)
    {
        WriteFile("qa.csv", csv);

        Run("import", "evals.litedb", "qa", "qa.csv", "--input", "q", "--expected", "a", "--delimiter", delimiter, "--create");

        var item = RunJson("items", "evals.litedb", "qa")["items"]![0]!;
        Assert.That((item["input"]!.GetValue<string>(), item["expectedOutput"]!.GetValue<string>()), Is.EqualTo(("1,5", "2,5")));
    }

    [Test]
    public void Import_CsvPointerIntoATextColumn_NamesTheColumnToDeclare()
    {
        WriteFile("qa.csv", "id,question\nq1,\"{\"\"text\"\":\"\"2+2?\"\"}\"\n");

        var refused = Run("import", "evals.litedb", "qa", "qa.csv", "--input", "/question/text", "--create");
        var json = RunJson("import", "evals.litedb", "qa", "qa.csv", "--input", "/question/text", "--json-column", "question", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(refused.Error, Is.EqualTo("error: qa.csv, line 1: The field '/question/text' looks inside the column 'question', whose cells are text; list 'question' among the JSON columns to map a value inside its JSON. Nothing was imported." + Environment.NewLine));
            Assert.That(json["added"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }
}
