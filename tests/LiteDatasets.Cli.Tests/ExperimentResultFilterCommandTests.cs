namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments results</c> with <c>--failed</c>, <c>--score-below</c> and <c>--item</c>.</summary>
[TestFixture]
public sealed class ExperimentResultFilterCommandTests : CliTestBase
{
    [SetUp]
    public void BuildRun() => BuildStore("evals.litedb", ResultStore.Fill);

    [TestCase(new[] { "--failed" }, new[] { ResultStore.LongId + "#0" })]
    [TestCase(new[] { "--score-below", "exact=1.5" }, new[] { "item-a#0" })]
    [TestCase(new[] { "--score-below", "exact=1" }, new string[0])]
    [TestCase(new[] { "--item", "q1" }, new[] { "item-a#0", "item-a#1" })]
    [TestCase(new[] { "--item", "item-a", "--failed" }, new string[0])]
    public void Results_Filtered_ListOnlyTheMatchingRuns(string[] filter, string[] expected)
    {
        var json = RunJson(["experiments", "results", "evals.litedb", "qa", "baseline", "--json", .. filter]);

        Assert.Multiple(() =>
        {
            Assert.That(json["results"]!.AsArray().Select(r => $"{r!["itemId"]}#{r["repetition"]}"), Is.EqualTo(expected));
            Assert.That(json["total"]!.GetValue<long>(), Is.EqualTo(3), "the experiment's results, whatever the filter");
        });
    }

    [Test]
    public void Results_FilteredText_SaysTheyAreTheMatchingOnes() =>
        Assert.That(Run("experiments", "results", "evals.litedb", "qa", "baseline", "--failed").Output, Does.Contain("1 matching results on this page, of 3 results of experiment #1 baseline of qa."));

    [TestCase("exact")]
    [TestCase("exact=high")]
    public void Results_ScoreBelowWithoutANumber_IsRefused(string value)
    {
        var result = Run("experiments", "results", "evals.litedb", "qa", "baseline", "--score-below", value);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain("--score-below takes NAME=VALUE with a number"));
        });
    }

    [Test]
    public void Results_UnknownItem_IsItemNotFound()
    {
        var result = Run("experiments", "results", "evals.litedb", "qa", "baseline", "--item", "nope", "--json");

        Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ItemNotFound"));
    }
}
