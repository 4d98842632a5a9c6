namespace LiteDatasets.Cli.Tests;

/// <summary>Results of experiments and filtered samples moved in and out of a PostgreSQL store by the tool.</summary>
[TestFixture]
public sealed class PostgresTransferCommandTests : PostgresCliTestBase
{
    [Test]
    public void ExperimentResults_ImportExportImport_RoundTripsWithTheStoresOwnHashes()
    {
        WriteFile("qa.jsonl", Jsonl);
        PgJson(["import", Url, "qa", "qa.jsonl", "--create", .. Mapping]);
        PgJson("experiments", "create", Url, "qa", "--name", "one");
        PgJson("experiments", "create", Url, "qa", "--name", "two");
        WriteFile("harness.jsonl", "{\"externalId\":\"a\",\"output\":2.0}\n{\"externalId\":\"c\",\"error\":{\"message\":\"no\",\"kind\":\"timeout\"}}\n");

        var fed = PgJson("experiments", "import", Url, "qa", "one", "harness.jsonl");
        PgJson("experiments", "export", Url, "qa", "one", "-o", "one.jsonl");
        var copied = PgJson("experiments", "import", Url, "qa", "two", "one.jsonl");
        var page = PgJson("experiments", "results", Url, "qa", "two");

        Assert.Multiple(() =>
        {
            Assert.That((fed["recorded"]!.GetValue<long>(), copied["recorded"]!.GetValue<long>()), Is.EqualTo((2L, 2L)), "Every line's itemHash matched.");
            Assert.That(page["results"]!.AsArray().Select(r => r!["output"]?.ToJsonString()), Is.EqualTo(new[] { "2.0", null }));
            Assert.That(page["results"]![1]!["error"]!["kind"]!.GetValue<string>(), Is.EqualTo("timeout"));
        });
    }

    [Test]
    public void Export_FilteredSampleOnTheServer_IsTheFilesSampleOfTheSameItems()
    {
        // Native lines keep their ids, and a sample ranks items by id: both engines draw the same items.
        var lines = string.Concat(Enumerable.Range(0, 20).Select(i =>
            $"{{\"id\":\"item-{i}\",\"input\":\"q{i}\",\"metadata\":{{\"split\":\"{(i % 2 == 0 ? "test" : "train")}\"}}}}\n"));
        WriteFile("qa.jsonl", lines);
        Run("import", "evals.litedb", "qa", "qa.jsonl", "--create");
        Pg("import", Keywords, "qa", "qa.jsonl", "--create");
        string[] selection = ["--format", "jsonl", "--meta", "split=test", "--sample", "4", "--seed", "11"];

        var fromFile = Run(["export", "evals.litedb", "qa", "-", .. selection]);
        var fromServer = Pg(["export", Keywords, "qa", "-", .. selection]);

        Assert.Multiple(() =>
        {
            Assert.That(fromServer.ExitCode, Is.Zero, fromServer.ToString);
            Assert.That(fromServer.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(4).And.All.Contain("\"split\":\"test\""));
            Assert.That(fromServer.Output, Is.EqualTo(fromFile.Output));
        });
    }
}
