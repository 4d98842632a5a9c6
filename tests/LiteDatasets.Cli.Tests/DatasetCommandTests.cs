namespace LiteDatasets.Cli.Tests;

/// <summary>create, list and info.</summary>
[TestFixture]
public sealed class DatasetCommandTests : CliTestBase
{
    [Test]
    public void Create_NewFile_CreatesTheFileAndAnEmptyDataset()
    {
        var json = RunJson("create", "evals.litedb", "qa", "--description", "Hand-checked", "--metadata", """{"owner":"me"}""");

        var dataset = json["dataset"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset" }));
            Assert.That(Keys(dataset), Is.EqualTo(DatasetKeys));
            Assert.That(dataset["name"]!.GetValue<string>(), Is.EqualTo("qa"));
            Assert.That(dataset["version"]!.GetValue<long>(), Is.Zero);
            Assert.That(dataset["metadata"]!.ToJsonString(), Is.EqualTo("""{"owner":"me"}"""));
        });
    }

    [Test]
    public void Create_TakenName_FailsWithDatasetNameTaken()
    {
        Run("create", "evals.litedb", "qa");

        var result = Run("create", "evals.litedb", "QA", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("DatasetNameTaken"));
            Assert.That(result.Error, Does.StartWith("error: ").And.Contain("'QA'"));
        });
    }

    [Test]
    public void Create_MetadataNotAnObject_FailsClearly()
    {
        var result = Run("create", "evals.litedb", "qa", "--metadata", "[1]");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain("--metadata must be a JSON object"));
        });
    }

    [Test]
    public void List_TwoDatasets_ListsBothByName()
    {
        Run("create", "evals.litedb", "zeta");
        Run("create", "evals.litedb", "alpha");

        var json = RunJson("list", "evals.litedb");
        var text = Run("list", "evals.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(json["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "alpha", "zeta" }));
            Assert.That(text.Output, Does.Contain("alpha").And.Contain("zeta"));
        });
    }

    [Test]
    public void Info_DemoFile_SummarisesSizeAndDatasets()
    {
        CopyDemo();

        var json = RunJson("info", "demo.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "path", "sizeBytes", "formatVersion", "datasetCount", "itemCount", "datasets" }));
            Assert.That(json["sizeBytes"]!.GetValue<long>(), Is.EqualTo(new FileInfo(Path.Combine(Directory, "demo.litedb")).Length));
            Assert.That(json["itemCount"]!.GetValue<long>(), Is.EqualTo(298));
            Assert.That(json["formatVersion"]!.GetValue<int>(), Is.EqualTo(FormatOfThisBuild()));
            Assert.That(Run("info", "demo.litedb").Output, Does.Contain("Live items").And.Contain("298"));
        });
    }

    private static int FormatOfThisBuild()
    {
        using var store = DatasetStore.OpenInMemory();
        return store.FormatVersion;
    }

    [Test]
    public void Verify_HealthyFile_ExitsZeroWithReport()
    {
        CopyDemo();

        var json = RunJson("verify", "demo.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "healthy", "datasetsChecked", "revisionsChecked", "problems" }));
            Assert.That(json["healthy"]!.GetValue<bool>(), Is.True);
            Assert.That(json["problems"]!.AsArray(), Is.Empty);
            Assert.That(Run("verify", "demo.litedb").Output, Does.StartWith("OK: demo.litedb is healthy"));
        });
    }
}
