namespace LiteDatasets.Cli.Tests;

/// <summary><c>copy</c>, <c>export --history</c> and <c>import --history</c>: a dataset's whole history between stores.</summary>
[TestFixture]
public sealed class HistoryCommandTests : CliTestBase
{
    [SetUp]
    public void UseDemo() => CopyDemo();

    [Test]
    public void Copy_IntoANewFile_CopiesEveryVersionWithItsFingerprintAndTheTags()
    {
        var result = Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--create");

        var source = Versions("demo.litedb");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
            Assert.That(result.Output.Trim(), Is.EqualTo($"Copied gsm8k-demo from demo.litedb to copy.litedb: versions 1 to {source.Count} and {TagCount(source)} tags."));
            Assert.That(Versions("copy.litedb"), Is.EqualTo(source));
        });
    }

    [Test]
    public void Copy_Again_IsUpToDateAndWritesNothing()
    {
        Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--create");

        var again = Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo");
        var json = RunJson("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(again.Output, Does.StartWith("gsm8k-demo is up to date from demo.litedb to copy.litedb"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "created", "fromVersion", "toVersion", "versionsWritten", "tagsWritten", "upToDate", "dryRun" }));
            Assert.That(json["upToDate"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Copy_AtAVersionThenAll_ForksAndThenPushesOnlyTheRest()
    {
        var fork = RunJson("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--at", "1", "--create", "--json");
        var dryRun = Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--dry-run");
        var push = RunJson("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--json");

        var last = Versions("demo.litedb").Count;
        Assert.Multiple(() =>
        {
            Assert.That((fork["created"]!.GetValue<bool>(), fork["toVersion"]!.GetValue<long>()), Is.EqualTo((true, 1L)));
            Assert.That(dryRun.Output, Does.StartWith($"Would copy gsm8k-demo from demo.litedb to copy.litedb: {last - 1} new versions (2 to {last})").And.Contain("Nothing was written (--dry-run)."));
            Assert.That((push["fromVersion"]!.GetValue<long>(), push["versionsWritten"]!.GetValue<long>()), Is.EqualTo((1L, last - 1L)));
            Assert.That(Versions("copy.litedb"), Is.EqualTo(Versions("demo.litedb")));
        });
    }

    [Test]
    public void Copy_OntoAHistoryThatParted_ExitsWithFourAndNamesTheLastCommonVersion()
    {
        Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--at", "2", "--create");
        Run("restore", "copy.litedb", "gsm8k-demo", "1");

        var result = Run("copy", "demo.litedb", "copy.litedb", "gsm8k-demo", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(4));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Diverged"));
            Assert.That(result.Error, Does.Contain("The last version both hold alike is 2."));
        });
    }

    [Test]
    public void ExportAndImportHistory_ThroughABundleFile_GiveTheSameVersions()
    {
        var export = RunJson("export", "demo.litedb", "gsm8k-demo", "history.jsonl", "--history", "--json");
        var dryRun = RunJson("import", "other.litedb", "gsm8k-demo", "history.jsonl", "--history", "--create", "--dry-run", "--json");
        var import = Run("import", "other.litedb", "gsm8k-demo", "history.jsonl", "--history");
        var renamed = RunJson("import", "other.litedb", "gsm8k-demo", "history.jsonl", "--history", "--as", "gsm8k-fork", "--json");

        var source = Versions("demo.litedb");
        Assert.Multiple(() =>
        {
            Assert.That((export["versions"]!.GetValue<long>(), export["format"]!.GetValue<string>()), Is.EqualTo(((long)source.Count, "history")));
            Assert.That((dryRun["dryRun"]!.GetValue<bool>(), dryRun["versionsWritten"]!.GetValue<long>()), Is.EqualTo((true, (long)source.Count)));
            Assert.That(import.Output.Trim(), Is.EqualTo($"Copied gsm8k-demo from history.jsonl: versions 1 to {source.Count} and {TagCount(source)} tags."));
            Assert.That(Versions("other.litedb"), Is.EqualTo(source));
            Assert.That(Versions("other.litedb", "gsm8k-fork"), Is.EqualTo(source));
            Assert.That(renamed["dataset"]!["id"]!.GetValue<string>(), Is.Not.EqualTo(export["dataset"]!["id"]!.GetValue<string>()));
        });
    }

    [Test]
    public void ImportHistory_NamingAnotherDataset_IsRefusedWithTheToolsAdvice()
    {
        Run("export", "demo.litedb", "gsm8k-demo", "history.jsonl", "--history");

        var result = Run("import", "other.litedb", "something-else", "history.jsonl", "--history", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain("holds the history of dataset 'gsm8k-demo'").And.Contain("add --as NAME to store it as a new dataset."));
        });
    }

    [TestCase("--as", "x")]
    [TestCase("--dry-run")]
    public void Import_HistoryOptionsWithoutHistory_AreAUsageError(params string[] option)
    {
        WriteFile("items.jsonl", """{"input":"a"}""" + "\n");

        var result = Run(["import", "demo.litedb", "gsm8k-demo", "items.jsonl", .. option]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("add --history"));
        });
    }

    [Test]
    public void ImportHistory_WithAMapping_IsAUsageError()
    {
        Run("export", "demo.litedb", "gsm8k-demo", "history.jsonl", "--history");

        var result = Run("import", "other.litedb", "gsm8k-demo", "history.jsonl", "--history", "--input", "question");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--history takes only --as, --dry-run, --create and --json."));
        });
    }

    [TestCase("--sample", "3")]
    [TestCase("--search", "apples")]
    [TestCase("--input", "question")]
    public void ExportHistory_WithAFilterSampleOrMapping_IsAUsageError(params string[] option)
    {
        var result = Run(["export", "demo.litedb", "gsm8k-demo", "history.jsonl", "--history", .. option]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--history takes no filter, sample, mapping or delimiter."));
            Assert.That(File.Exists(Path.Combine(Directory, "history.jsonl")), Is.False);
        });
    }

    private List<string> Versions(string store, string dataset = "gsm8k-demo") =>
        RunJson("versions", store, dataset, "--json", "--page-size", "1000")["versions"]!.AsArray()
            .Select(v => $"{v!["number"]} {v["createdAt"]} {v["message"]} {v["fingerprint"]} [{string.Join(",", v["tags"]!.AsArray().Select(t => t!.GetValue<string>()))}]")
            .ToList();

    private static int TagCount(List<string> versions) => versions.Sum(v => v.EndsWith("[]", StringComparison.Ordinal) ? 0 : v[(v.LastIndexOf('[') + 1)..^1].Split(',').Length);
}
