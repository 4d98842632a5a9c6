using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments results</c> and <c>experiments export</c>: a page of results for people and scripts, and every result as JSONL.</summary>
[TestFixture]
public sealed class ExperimentResultsCommandTests : CliTestBase
{
    /// <summary>The members of a result in <c>experiments results --json</c>.</summary>
    internal static readonly string[] ResultKeys =
    [
        "itemId", "externalId", "repetition", "itemVersion", "itemHash", "output", "error", "startedAt", "durationMs", "usage",
        "model", "cacheHit", "scores", "metadata", "traceId", "attempt", "recordedAt", "carriedFrom",
    ];

    [SetUp]
    public void BuildRun() => BuildStore("evals.litedb", ResultStore.Fill);

    [Test]
    public void Results_Table_ShowsTheItemStatusLatencyScoresAndOutput()
    {
        var result = Run("experiments", "results", "evals.litedb", "qa", "baseline");

        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        Assert.That(result.Output, Is.EqualTo(
            """
            ┌──────────────────┬─────┬───────────────┬─────────┬─────────────────────┬───────────────────────────────────────┐
            │ Item             │ Rep │ Status        │ Latency │ Scores              │ Output                                │
            ├──────────────────┼─────┼───────────────┼─────────┼─────────────────────┼───────────────────────────────────────┤
            │ q1               │   0 │ ok            │  1.23 s │ exact=1, judge=pass │ {"answer":1.0,"big":9007199254740993} │
            │ q1               │   1 │ ok            │  250 ms │ -                   │ four                                  │
            │ item-b-…d-to-cut │   0 │ timeout error │ 30.00 s │ -                   │ model did not answer [in time]        │
            └──────────────────┴─────┴───────────────┴─────────┴─────────────────────┴───────────────────────────────────────┘
            3 of 3 results of experiment #1 baseline of qa.

            """.ReplaceLineEndings()));
    }

    [Test]
    public void Results_Json_PagesWithANextCursor()
    {
        var first = RunJson("experiments", "results", "evals.litedb", "qa", "#1", "--page-size", "2");
        var second = RunJson("experiments", "results", "evals.litedb", "qa", "#1", "--page-size", "2", "--after", first["nextCursor"]!.GetValue<string>());

        var results = first["results"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(first), Is.EqualTo(new[] { "dataset", "experiment", "total", "nextCursor", "results" }));
            Assert.That(Keys(first["experiment"]), Is.EqualTo(new[] { "id", "sequence", "name" }));
            Assert.That(first["total"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(Keys(results[0]), Is.EqualTo(ResultKeys));
            Assert.That(results.Select(r => (r!["externalId"]!.GetValue<string>(), r["repetition"]!.GetValue<int>())), Is.EqualTo(new[] { ("q1", 0), ("q1", 1) }));
            Assert.That(results[0]!["output"]!.ToJsonString(), Is.EqualTo("""{"answer":1.0,"big":9007199254740993}"""));
            Assert.That(results[0]!["durationMs"]!.ToJsonString(), Is.EqualTo("1234.5678"));
            Assert.That(results[0]!["startedAt"]!.GetValue<string>(), Is.EqualTo("2026-01-02T03:04:05.1234567Z"));
            Assert.That(second["results"]!.AsArray().Select(r => r!["itemId"]!.GetValue<string>()), Is.EqualTo(new[] { ResultStore.LongId }));
            Assert.That(second["results"]![0]!["externalId"], Is.Null);
            Assert.That(second["nextCursor"], Is.Null);
        });
    }

    [Test]
    public void Results_NoneRecorded_SaysSo()
    {
        var result = Run("experiments", "results", "evals.litedb", "qa", "second");

        Assert.That(result.Output, Is.EqualTo("No results recorded yet in experiment #2 second of qa." + Environment.NewLine));
    }

    [Test]
    public void Export_ToStandardOutput_WritesEachResultWithTheItemAtThePin()
    {
        var hash = RunJson("experiments", "results", "evals.litedb", "qa", "baseline")["results"]![0]!["itemHash"]!.GetValue<string>();

        var result = Run("experiments", "export", "evals.litedb", "qa", "baseline");

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Is.EqualTo(
                "{\"itemId\":\"item-a\",\"externalId\":\"q1\",\"repetition\":0,\"itemVersion\":1,\"itemHash\":\"" + hash + "\","
                + "\"input\":{\"q\":\"2+2\"},\"expectedOutput\":\"4\",\"output\":{\"answer\":1.0,\"big\":9007199254740993},\"error\":null,"
                + "\"startedAt\":\"2026-01-02T03:04:05.1234567Z\",\"durationMs\":1234.5678,"
                + "\"usage\":{\"inputTokens\":10,\"outputTokens\":2,\"totalTokens\":null,\"cachedInputTokens\":null,\"cost\":0.0012,\"currency\":\"USD\"},"
                + "\"model\":\"model-a\",\"cacheHit\":false,"
                + "\"scores\":[{\"name\":\"exact\",\"value\":1,\"passed\":null,\"label\":null,\"reason\":null,\"error\":null,\"scorerVersion\":\"1\",\"metadata\":null},"
                + "{\"name\":\"judge\",\"value\":null,\"passed\":true,\"label\":null,\"reason\":\"fine\",\"error\":null,\"scorerVersion\":null,\"metadata\":{\"rating\":4.50}}],"
                + "\"metadata\":{\"n\":1.50},\"traceId\":\"trace-1\",\"attempt\":1,\"recordedAt\":\"2026-01-02T03:04:05.0000000Z\",\"carriedFrom\":null}"));
            Assert.That(JsonNode.Parse(lines[2])!["error"]!.ToJsonString(), Is.EqualTo("""{"message":"model did not answer [in time]","kind":"timeout","detail":"after 30 s"}"""));
            Assert.That(JsonNode.Parse(lines[2])!["input"]!.GetValue<string>(), Is.EqualTo("second item"), "The item as it was at the pinned version, not as edited since.");
        });
    }

    [Test]
    public void Export_ToAFile_ReportsAndRefusesToReplaceUnlessForced()
    {
        var json = RunJson("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "run.jsonl");
        var again = Run("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "run.jsonl");
        var forced = Run("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "run.jsonl", "--force");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "experiment", "results", "path" }));
            Assert.That(json["results"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(File.ReadAllLines(Path.Combine(Directory, "run.jsonl")), Has.Length.EqualTo(3));
            Assert.That(again.ExitCode, Is.EqualTo(1));
            Assert.That(again.Error, Is.EqualTo("error: The file 'run.jsonl' already exists. Add --force to replace it, or choose another name." + Environment.NewLine));
            Assert.That(forced.Output, Is.EqualTo("Exported 3 results of experiment #1 baseline of qa to run.jsonl." + Environment.NewLine));
            Assert.That(System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName).Order(), Is.EqualTo(new[] { "evals.litedb", "run.jsonl" }), "No partial file is left.");
        });
    }

    [Test]
    public void Export_InterruptedToAFile_LeavesNoFile()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var code = CliApp.Run(["experiments", "export", "evals.litedb", "qa", "baseline", "-o", "run.jsonl"], new CliEnvironment(output, error, Directory, interactive: false), interrupt.Token);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Interrupted));
            Assert.That(System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName), Is.EqualTo(new[] { "evals.litedb" }), "Neither the file nor a hidden partial one.");
        });
    }

    [TestCase("evals.litedb")]
    [TestCase("evals.litedb-journal")]
    [TestCase("./sub/../evals.litedb")]
    public void Export_OverTheStoreItself_IsRefused(string target)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "sub"));
        var before = File.ReadAllBytes(Path.Combine(Directory, "evals.litedb"));

        var result = Run("experiments", "export", "evals.litedb", "qa", "baseline", "-o", target, "--force", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(result.Error, Is.EqualTo($"error: '{target}' is a file of the store itself (its data file or journal); choose another output file." + Environment.NewLine));
            Assert.That(File.ReadAllBytes(Path.Combine(Directory, "evals.litedb")), Is.EqualTo(before));
        });
    }

    [Test]
    public void Export_ThroughALinkToTheStore_IsRefused()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Symbolic links need privileges on Windows.");
        }

        File.CreateSymbolicLink(Path.Combine(Directory, "link.jsonl"), Path.Combine(Directory, "evals.litedb"));

        var result = Run("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "link.jsonl", "--force");

        Assert.That(result.Error, Does.StartWith("error: 'link.jsonl' is a file of the store itself"));
    }

    [Test]
    public void Export_JsonWithoutAFile_IsRefused()
    {
        var result = Run("experiments", "export", "evals.litedb", "qa", "baseline", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo("error: --json needs an output file (-o FILE): without one, the results are the output." + Environment.NewLine));
        });
    }

    [Test]
    public void ResultsAndExport_UnknownExperiment_FailWithExperimentNotFound()
    {
        var results = Run("experiments", "results", "evals.litedb", "qa", "#9", "--json");
        var export = Run("experiments", "export", "evals.litedb", "qa", "nope");

        Assert.Multiple(() =>
        {
            Assert.That(results.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ExperimentNotFound"));
            Assert.That(export.ExitCode, Is.EqualTo(1));
            Assert.That(export.Error, Is.EqualTo("error: Dataset 'qa' has no experiment named 'nope' (nor with that number or id). Run 'litedatasets experiments list evals.litedb qa' to see its experiments." + Environment.NewLine));
        });
    }
}
