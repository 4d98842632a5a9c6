using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>Export for real uses: filters, a seeded sample, and the user's own shape (the inverse of an import mapping).</summary>
[TestFixture]
public sealed class ExportShapeCommandTests : CliTestBase
{
    /// <summary>Imports 12 items keyed k0..k11: every third in split "test", every fourth expecting "apples".</summary>
    private void ImportItems()
    {
        var lines = string.Concat(Enumerable.Range(0, 12).Select(i =>
            $"{{\"key\":\"k{i}\",\"q\":\"question {i}\",\"a\":\"{(i % 4 == 0 ? "apples" : "pears")}\",\"split\":\"{(i % 3 == 0 ? "test" : "train")}\"}}\n"));
        WriteFile("qa.jsonl", lines);
        var imported = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--expected", "a", "--key", "key", "--metadata", "split", "--create");
        Assert.That(imported.ExitCode, Is.Zero, imported.ToString);
    }

    private List<string> KeysIn(string file) =>
        [.. File.ReadAllLines(Path.Combine(Directory, file)).Select(line => JsonNode.Parse(line)!["externalId"]!.GetValue<string>())];

    [Test]
    public void Export_MetaAndSearch_WritesTheMatchingItems()
    {
        ImportItems();

        var result = Run("export", "evals.litedb", "qa", "train.jsonl", "--meta", "split=train", "--search", "APPLES");

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo("Exported 2 matching items of qa version 1 to train.jsonl.\n"));
            Assert.That(KeysIn("train.jsonl"), Is.EqualTo(new[] { "k4", "k8" }));
        });
    }

    [Test]
    public void Export_SampleWithSeed_IsReproducibleAndReportsItsShape()
    {
        ImportItems();

        var json = RunJson("export", "evals.litedb", "qa", "sample.jsonl", "--sample", "4", "--seed", "7");
        var first = File.ReadAllText(Path.Combine(Directory, "sample.jsonl"));
        var text = Run("export", "evals.litedb", "qa", "sample.jsonl", "--sample", "4", "--seed", "7", "--force");

        json["dataset"]!["id"] = "ID";
        json["path"] = "PATH";
        Assert.Multiple(() =>
        {
            Assert.That(json.ToJsonString(), Is.EqualTo(
                """{"dataset":{"id":"ID","name":"qa"},"version":1,"items":4,"format":"jsonl","path":"PATH","matched":12,"sample":{"size":4,"seed":7}}"""));
            Assert.That(text.Output, Is.EqualTo("Exported a sample of 4 of 12 items of qa version 1 (seed 7) to sample.jsonl.\n"));
            Assert.That(File.ReadAllText(Path.Combine(Directory, "sample.jsonl")), Is.EqualTo(first));
            Assert.That(KeysIn("sample.jsonl").Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture)), Is.Ordered, "In the version's order.");
        });
    }

    [Test]
    public void Export_SampleOfFilteredItems_SaysSo()
    {
        ImportItems();

        var result = Run("export", "evals.litedb", "qa", "-", "--format", "jsonl", "--meta", "split=train", "--sample", "3");

        var keys = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!["externalId"]!.GetValue<string>()).ToList();
        var file = Run("export", "evals.litedb", "qa", "s.jsonl", "--meta", "split=train", "--sample", "3");
        Assert.Multiple(() =>
        {
            Assert.That(keys, Has.Count.EqualTo(3));
            Assert.That(keys.Select(k => int.Parse(k[1..], System.Globalization.CultureInfo.InvariantCulture) % 3), Is.All.Not.Zero);
            Assert.That(file.Output, Is.EqualTo("Exported a sample of 3 of 8 matching items of qa version 1 (seed 0) to s.jsonl.\n"));
        });
    }

    [TestCase(new[] { "--seed", "3" }, "--seed chooses the sample of --sample: add --sample N, or leave out --seed.")]
    [TestCase(new[] { "--sample", "0" }, "--sample 0 is not a number of items; give 1 or more.")]
    [TestCase(new[] { "--expected", "a" }, "--expected, --metadata and --key write fields of a shape of your own: name the input field(s) with --input too.")]
    [TestCase(new[] { "--meta", "split" }, "The value 'split' of --meta is not KEY=VALUE; write for example --meta split=test.")]
    [TestCase(new[] { "--input", "/q/text", "--key", "q" }, "The field '/q/text' lies inside the field 'q', so both cannot be written; map the fields so that none holds another.")]
    public void Export_OptionMistakes_FailWithOneLineAndWriteNothing(string[] options, string message)
    {
        ImportItems();

        var result = Run(["export", "evals.litedb", "qa", "out.jsonl", .. options]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: {message}{Environment.NewLine}"));
            Assert.That(File.Exists(Path.Combine(Directory, "out.jsonl")), Is.False);
        });
    }

    [Test]
    public void ImportThenExport_WithTheSameMapping_GivesTheFileBackByteForByte()
    {
        WriteFile("tasks.jsonl", ImportShapeCommandTests.Tasks);
        string[] mapping = ["--input", "/instances/0/input", "--expected", "/instances/0/output", "--key", "id", "--metadata", "/meta/task", "--metadata", "/meta/level"];
        Run(["import", "evals.litedb", "tasks", "tasks.jsonl", .. mapping, "--set-metadata", "source=ni", "--create"]);

        var result = Run(["export", "evals.litedb", "tasks", "-", "--format", "jsonl", .. mapping]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Is.EqualTo(ImportShapeCommandTests.Tasks));
        });
    }

    [Test]
    public void Export_MappedTsv_WritesTheUsersColumns()
    {
        ImportItems();

        var result = Run("export", "evals.litedb", "qa", "qa.tsv", "--input", "question", "--expected", "answer", "--key", "id", "--meta", "split=train", "--search", "apples");

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Is.EqualTo("Exported 2 matching items of qa version 1 to qa.tsv.\n"));
            Assert.That(File.ReadAllText(Path.Combine(Directory, "qa.tsv")), Is.EqualTo("id\tquestion\tanswer\r\nk4\tquestion 4\tapples\r\nk8\tquestion 8\tapples\r\n"));
        });
    }
}
