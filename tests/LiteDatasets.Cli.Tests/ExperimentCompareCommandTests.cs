using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments compare</c>: tables for people, <c>--json</c> for scripts, and gates that exit with 3.</summary>
[TestFixture]
public sealed class ExperimentCompareCommandTests : CliTestBase
{
    [SetUp]
    public void BuildRuns() => BuildStore("evals.litedb", Fill);

    [Test]
    public void Compare_Text_ShowsThePinsAlignmentScoresAndSides()
    {
        var result = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--items");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(result.Output, Does.Contain("Baseline  #1 base at version 1"));
            Assert.That(result.Output, Does.Contain("Candidate #2 cand at version 2"));
            Assert.That(result.Output, Does.Contain("warning: The task versions differ ('v1' and 'v2')."));
            Assert.That(result.Output, Does.Contain("Items: 3 compared, 1 with content changed between the pins, 0 only in the baseline, 0 only in the candidate."));
            Assert.That(result.Output, Does.Contain("regressed"));
            Assert.That(result.Output, Does.Contain("25.0 %"), "the candidate's error rate");
            Assert.That(result.Output, Does.Contain("  b  newlyFailing  exact 1 → 0"));
            Assert.That(result.Output, Does.Contain("  c  contentChanged"));
            Assert.That(result.Output, Does.Not.Contain("  a  "), "unchanged items are not listed as text");
        });
    }

    [Test]
    public void Compare_Json_GivesEveryFigureAndEveryItem()
    {
        var json = RunJson("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--items");

        var score = json["scores"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "baseline", "candidate", "warnings", "alignment", "scores", "hasRegression", "gates", "items" }));
            Assert.That(Keys(json["baseline"]), Is.EqualTo(new[] { "experiment", "errorRate", "summary" }));
            Assert.That(json["candidate"]!["errorRate"]!.GetValue<double>(), Is.EqualTo(0.25));
            Assert.That(json["alignment"]!.ToJsonString(), Is.EqualTo("""{"compared":3,"contentChanged":1,"onlyInBaseline":0,"onlyInCandidate":0}"""));
            Assert.That((score["name"]!.GetValue<string>(), score["paired"]!.GetValue<long>(), score["delta"]!.GetValue<double>(), score["verdict"]!.GetValue<string>()), Is.EqualTo(("exact", 2L, -0.5, "regressed")));
            Assert.That(json["hasRegression"]!.GetValue<bool>(), Is.True);
            Assert.That(json["items"]!.AsArray().Select(i => (i!["itemId"]!.GetValue<string>(), i["status"]!.GetValue<string>())), Is.EqualTo(new[]
            {
                ("a", "unchanged"), ("b", "newlyFailing"), ("c", "contentChanged"), ("d", "newlyFailing"),
            }));
        });
    }

    [Test]
    public void Compare_FailOnRegression_ExitsWith3WhenAScoreRegressed()
    {
        var regressed = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--fail-on-regression");
        var tolerated = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--fail-on-regression", "--tolerance", "exact=0.5");
        var lower = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--fail-on-regression", "--lower-is-better", "exact");

        Assert.Multiple(() =>
        {
            Assert.That(regressed.ExitCode, Is.EqualTo(3));
            Assert.That(regressed.Output, Does.Contain("gate regression tripped: score(s) exact regressed beyond their tolerance"));
            Assert.That(tolerated.ExitCode, Is.EqualTo(0), tolerated.Output);
            Assert.That(lower.ExitCode, Is.EqualTo(0), lower.Output);
        });
    }

    [TestCase("--max-error-rate", "0.3", 0)]
    [TestCase("--max-error-rate", "0.2", 3)]
    [TestCase("--min-pass-rate", "exact=0.5", 0)]
    [TestCase("--min-pass-rate", "exact=0.6", 3)]
    [TestCase("--min-pass-rate", "missing=0.1", 3)]
    public void Compare_Gates_ExitWith3WhenTheyTrip(string option, string value, int exitCode)
    {
        var result = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", option, value, "--json");

        var gate = JsonNode.Parse(result.Output)!["gates"]!.AsArray().Single()!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
            Assert.That(gate["tripped"]!.GetValue<bool>(), Is.EqualTo(exitCode == 3));
        });
    }

    [Test]
    public void Compare_BadValuesOrAnUnknownExperiment_AreRefused()
    {
        var tolerance = Run("experiments", "compare", "evals.litedb", "qa", "base", "cand", "--tolerance", "exact=-1");
        var missing = Run("experiments", "compare", "evals.litedb", "qa", "base", "nope");

        Assert.Multiple(() =>
        {
            Assert.That((tolerance.ExitCode, tolerance.Error), Is.EqualTo((1, "error: --tolerance takes NAME=VALUE with a number 0 or more, such as exact=0.1; 'exact=-1' is not one.\n")));
            Assert.That(missing.ExitCode, Is.EqualTo(1));
            Assert.That(missing.Error, Does.Contain("Dataset 'qa' has no experiment named 'nope'"));
        });
    }

    [Test]
    public void Compare_JsonItemsBeyondOneFlush_AreOneWholeDocument()
    {
        BuildStore("big.litedb", store =>
        {
            var ds = store.CreateDataset(new DatasetDefinition("big"));
            store.AddItems(ds.Id, Enumerable.Range(0, 2_500).Select(i => new ItemDraft(JsonValue.Create(i)) { Id = "item-" + i }));
            foreach (var name in new[] { "one", "two" })
            {
                var experiment = store.CreateExperiment(ds.Id, new ExperimentDefinition { Name = name });
                store.RecordResults(experiment.Id, Enumerable.Range(0, 2_500).Select(i => new ResultDraft("item-" + i) { Scores = [new ScoreDraft("s") { Value = name == "one" ? 1 : i % 2 }] }));
            }
        });

        var items = RunJson("experiments", "compare", "big.litedb", "big", "one", "two", "--items")["items"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i!["itemId"]!.GetValue<string>()), Is.EqualTo(Enumerable.Range(0, 2_500).Select(i => "item-" + i)));
            Assert.That(items.Count(i => i!["status"]!.GetValue<string>() == "regressed"), Is.EqualTo(1_250));
        });
    }

    /// <summary>
    /// Dataset qa with items a to d; base pinned to version 1, then c edited, then cand pinned to version 2. Scores
    /// of exact: a 1 and 1, b 1 and 0 (failed), c 1 and 0, d 1 and an error in the candidate.
    /// </summary>
    private static void Fill(DatasetStore store)
    {
        var ds = store.CreateDataset(new DatasetDefinition("qa"));
        store.AddItems(ds.Id, "abcd".Select(c => new ItemDraft(JsonValue.Create("q" + c)) { Id = c.ToString() }));
        var baseline = store.CreateExperiment(ds.Id, new ExperimentDefinition { Name = "base", TaskVersion = "v1" });
        store.UpdateItem(ds.Id, "c", new ItemPatch { Input = JsonValue.Create("changed") });
        var candidate = store.CreateExperiment(ds.Id, new ExperimentDefinition { Name = "cand", TaskVersion = "v2" });
        static ResultDraft Exact(string item, double value, bool? passed) => new(item) { Scores = [new ScoreDraft("exact") { Value = value, Passed = passed }] };
        store.RecordResults(baseline.Id, [Exact("a", 1, true), Exact("b", 1, true), Exact("c", 1, null), Exact("d", 1, true)]);
        store.RecordResults(candidate.Id, [Exact("a", 1, true), Exact("b", 0, false), Exact("c", 0, null), new ResultDraft("d") { Error = new ResultError("down") }]);
    }
}
