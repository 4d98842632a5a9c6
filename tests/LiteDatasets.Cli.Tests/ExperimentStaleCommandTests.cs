namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments stale</c>: a count per state and the stale runs, as text and as <c>--json</c>, at a version, tag or time.</summary>
[TestFixture]
public sealed class ExperimentStaleCommandTests : CliTestBase
{
    [SetUp]
    public void BuildRun() => BuildStore("evals.litedb", ResultStore.Fill);

    [Test]
    public void Stale_AtTheCurrentVersion_PrintsTheCountsAndTheStaleRuns()
    {
        var result = Run("experiments", "stale", "evals.litedb", "qa", "baseline", "--full-ids");

        var lines = result.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(lines[0], Is.EqualTo("Staleness of experiment #1 baseline of qa, pinned to version 1, at version 2:"));
            Assert.That(lines.Where(l => l.Contains("fresh", StringComparison.Ordinal) || l.Contains("rerun", StringComparison.Ordinal)).Select(l => string.Join(" ", l.Split(' ', '│').Where(w => w.Length > 0))),
                Does.Contain("fresh 2").And.Contain("rerun 1").And.Contain($"{ResultStore.LongId} 0 rerun /input"));
            Assert.That(lines.Count(l => l.Contains("missing", StringComparison.Ordinal)), Is.EqualTo(4), "the count's row and three runs");
        });
    }

    [Test]
    public void Stale_Json_GivesTheCountsAndRunsInSnapshotOrder()
    {
        var json = RunJson("experiments", "stale", "evals.litedb", "qa", "#1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "experiment", "pinnedVersion", "targetVersion", "counts", "runs" }));
            Assert.That(json["counts"]!.ToJsonString(), Is.EqualTo("""{"fresh":2,"rerun":1,"rescore":0,"rescore-scorer":0,"missing":3,"failed":0,"orphaned":0}"""));
            Assert.That(json["runs"]!.AsArray().Select(r => $"{r!["itemId"]}#{r["repetition"]}:{r["state"]}"),
                Is.EqualTo(new[] { $"{ResultStore.LongId}#0:rerun", $"{ResultStore.LongId}#1:missing", "item-c#0:missing", "item-c#1:missing" }));
            Assert.That(json["runs"]![0]!.ToJsonString(), Is.EqualTo($$"""{"itemId":"{{ResultStore.LongId}}","repetition":0,"state":"rerun","changedPaths":["/input"],"scores":[]}"""));
        });
    }

    [Test]
    public void Stale_AtThePinnedVersionByNumberOrTime_ListsTheFailedAndMissingRuns()
    {
        var byNumber = RunJson("experiments", "stale", "evals.litedb", "qa", "baseline", "--at", "1", "--json");
        var byTime = RunJson("experiments", "stale", "evals.litedb", "qa", "baseline", "--at", "2999-01-01T00:00:00Z", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(byNumber["targetVersion"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(byNumber["counts"]!["failed"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(byTime["targetVersion"]!.GetValue<long>(), Is.EqualTo(2));
        });
    }

    [Test]
    public void CreateCarryFrom_CopiesTheFreshResultsAndShowsThem()
    {
        var created = RunJson("experiments", "create", "evals.litedb", "qa", "--name", "refreshed", "--repetitions", "2", "--carry-from", "baseline", "--json");
        var shown = Run("experiments", "show", "evals.litedb", "qa", "refreshed");
        var exported = Run("experiments", "export", "evals.litedb", "qa", "refreshed").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var incompatible = Run("experiments", "create", "evals.litedb", "qa", "--carry-from", "baseline", "--task-version", "other");

        Assert.Multiple(() =>
        {
            Assert.That(created["experiment"]!["carried"]!.GetValue<long>(), Is.EqualTo(2), "item-a's two runs; the edited item's failed run is not carried");
            Assert.That(created["experiment"]!["carriedFrom"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(shown.Output, Does.Contain("2 result(s) carried forward from experiment"));
            Assert.That(exported.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!["carriedFrom"]!.GetValue<string>()), Is.EqualTo(new[] { created["experiment"]!["carriedFrom"]!.GetValue<string>(), created["experiment"]!["carriedFrom"]!.GetValue<string>() }));
            Assert.That(shown.Output, Does.Contain("carried from the earlier experiment: tokens 10 in, 2 out, 0 cached; cost 0.0012 USD"));
            Assert.That(incompatible.ExitCode, Is.Not.EqualTo(0));
            Assert.That(incompatible.Error, Does.Contain("task version"));
        });
    }

    [Test]
    public void Stale_BadPathOrTag_FailsWithAMessage()
    {
        var path = Run("experiments", "stale", "evals.litedb", "qa", "baseline", "--rerun-path", "/output");
        var tag = Run("experiments", "stale", "evals.litedb", "qa", "baseline", "--at", "nope");

        Assert.Multiple(() =>
        {
            Assert.That((path.ExitCode, path.Error), Is.Not.EqualTo((0, "")));
            Assert.That(path.Error, Does.Contain("/output").And.Contain("/metadata"));
            Assert.That(tag.ExitCode, Is.Not.EqualTo(0));
            Assert.That(tag.Error, Does.Contain("nope"));
        });
    }
}
