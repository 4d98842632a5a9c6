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
            Assert.That(Keys(summary), Is.EqualTo(new[] { "expected", "recorded", "succeeded", "failed", "missing", "scores", "latency", "usage", "cachedUsage", "carriedUsage", "errorsByKind" }));
            Assert.That(summary["missing"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(summary["scores"]!.ToJsonString(), Is.EqualTo(
                """[{"name":"exact","count":1,"mean":1,"standardDeviation":null,"min":1,"max":1,"passed":0,"failed":0,"passRate":null,"errors":0},"""
                + """{"name":"judge","count":0,"mean":null,"standardDeviation":null,"min":null,"max":null,"passed":1,"failed":0,"passRate":1,"errors":0}]"""));
            Assert.That(summary["latency"]!.ToJsonString(), Is.EqualTo("""{"count":3,"p50Ms":1234.5678,"p95Ms":30000,"maxMs":30000}"""));
            Assert.That(summary["usage"]!.ToJsonString(), Is.EqualTo("""{"inputTokens":10,"outputTokens":2,"totalTokens":0,"cachedInputTokens":0,"costs":[{"currency":"USD","amount":0.0012,"count":1}]}"""));
            Assert.That(summary["cachedUsage"]!.ToJsonString(), Is.EqualTo("""{"inputTokens":0,"outputTokens":0,"totalTokens":0,"cachedInputTokens":0,"costs":[]}"""));
            Assert.That(summary["errorsByKind"]!.ToJsonString(), Is.EqualTo("""{"timeout":1}"""));
        });
    }

    [Test]
    public void Show_ResultsFromAResponseCache_ShowsTheirUsageApart()
    {
        BuildStore("cached.litedb", store =>
        {
            var dataset = store.CreateDataset(new DatasetDefinition("qa"));
            store.AddItems(dataset.Id, [new ItemDraft(System.Text.Json.Nodes.JsonValue.Create("a")) { Id = "a" }, new ItemDraft(System.Text.Json.Nodes.JsonValue.Create("b")) { Id = "b" }]);
            var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "rerun" });
            store.RecordResults(experiment.Id,
            [
                new ResultDraft("a") { CacheHit = false, Usage = new ResultUsage { InputTokens = 10, OutputTokens = 2, Cost = 0.5m, Currency = "USD" } },
                new ResultDraft("b") { CacheHit = true, Usage = new ResultUsage { InputTokens = 30, OutputTokens = 4, Cost = 1.5m, Currency = "USD" } },
            ]);
        });

        var lines = Run("experiments", "show", "cached.litedb", "qa", "rerun").Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        var json = RunJson("experiments", "show", "cached.litedb", "qa", "rerun", "--json")["summary"]!;

        Assert.Multiple(() =>
        {
            Assert.That(lines, Does.Contain("  tokens 10 in, 2 out, 0 cached; cost 0.5 USD"));
            Assert.That(lines, Does.Contain("  from the cache: tokens 30 in, 4 out, 0 cached; cost 1.5 USD"));
            Assert.That(json["cachedUsage"]!["inputTokens"]!.GetValue<long>(), Is.EqualTo(30));
            Assert.That(json["usage"]!["inputTokens"]!.GetValue<long>(), Is.EqualTo(10));
        });
    }
}
