namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments show</c> with what the results add up to, as text and as <c>--json</c>.</summary>
[TestFixture]
public sealed class ExperimentSummaryCommandTests : CliTestBase
{
    [SetUp]
    public void BuildRun() => BuildStore("evals.litedb", ResultStore.Fill);

    [Test]
    public void Show_WithResults_SummarisesScoresLatencyUsageAndErrors()
    {
        var result = Run("experiments", "show", "evals.litedb", "qa", "baseline");

        var lines = result.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(lines, Does.Contain("  running: 3 of 6 runs recorded (2 succeeded, 1 failed), 2 repetition(s) per item"));
            Assert.That(lines, Does.Contain("  score exact: mean 1 (min 1, max 1, n=1)"));
            Assert.That(lines, Does.Contain("  score judge: passed 1 of 1 (100.0 %)"));
            Assert.That(lines, Does.Contain("  latency p50 1.23 s, p95 30.00 s, max 30.00 s"));
            Assert.That(lines, Does.Contain("  tokens 10 in, 2 out, 0 cached; cost 0.0012 USD"));
            Assert.That(lines, Does.Contain("  errors: timeout 1"));
        });
    }

    [Test]
    public void Show_WithoutResults_SaysSo() =>
        Assert.That(Run("experiments", "show", "evals.litedb", "qa", "second").Output, Does.Contain("  no results yet"));

    [Test]
    public void Show_Json_AddsTheSummaryAfterTheExperiment()
    {
        var json = RunJson("experiments", "show", "evals.litedb", "qa", "baseline", "--json");

        var summary = json["summary"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "experiment", "summary" }));
            Assert.That(Keys(summary), Is.EqualTo(new[] { "expected", "recorded", "succeeded", "failed", "missing", "scores", "latency", "usage", "carriedUsage", "errorsByKind" }));
            Assert.That(summary["missing"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(summary["scores"]!.ToJsonString(), Is.EqualTo(
                """[{"name":"exact","count":1,"mean":1,"standardDeviation":null,"min":1,"max":1,"passed":0,"failed":0,"passRate":null,"errors":0},"""
                + """{"name":"judge","count":0,"mean":null,"standardDeviation":null,"min":null,"max":null,"passed":1,"failed":0,"passRate":1,"errors":0}]"""));
            Assert.That(summary["latency"]!.ToJsonString(), Is.EqualTo("""{"count":3,"p50Ms":1234.5678,"p95Ms":30000,"maxMs":30000}"""));
            Assert.That(summary["usage"]!.ToJsonString(), Is.EqualTo("""{"inputTokens":10,"outputTokens":2,"totalTokens":0,"cachedInputTokens":0,"costs":[{"currency":"USD","amount":0.0012,"count":1}]}"""));
            Assert.That(summary["errorsByKind"]!.ToJsonString(), Is.EqualTo("""{"timeout":1}"""));
        });
    }
}
