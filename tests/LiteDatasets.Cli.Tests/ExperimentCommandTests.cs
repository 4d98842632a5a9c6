namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments list | create | show | delete</c>, as text and as <c>--json</c>.</summary>
[TestFixture]
public sealed class ExperimentCommandTests : CliTestBase
{
    private static readonly string[] ExperimentKeys =
    [
        "id", "sequence", "name", "datasetVersion", "resolvedFrom", "datasetFingerprint", "repetitions", "taskVersion", "scorers",
        "description", "status", "expectedRuns", "recorded", "succeeded", "failed", "carried", "carriedFrom", "createdAt", "completedAt",
    ];

    [SetUp]
    public void UseDemo() => CopyDemo();

    [Test]
    public void Create_PinnedToATag_ResolvesItAndCountsTheRuns()
    {
        var json = RunJson("experiments", "create", "demo.litedb", "gsm8k-demo", "--at", "baseline", "--name", "first-run",
            "--repetitions", "2", "--task-version", "model-a", "--scorer", "exact=1", "--scorer", "judge=2.1", "--description", "a baseline run");

        var experiment = json["experiment"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "experiment" }));
            Assert.That(Keys(experiment), Is.EqualTo(ExperimentKeys));
            Assert.That(experiment["name"]!.GetValue<string>(), Is.EqualTo("first-run"));
            Assert.That(experiment["datasetVersion"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(experiment["resolvedFrom"]!.GetValue<string>(), Is.EqualTo("baseline"));
            Assert.That(experiment["expectedRuns"]!.GetValue<long>(), Is.EqualTo(500), "250 items at version 1, twice each.");
            Assert.That(experiment["scorers"]!.ToJsonString(), Is.EqualTo("""{"exact":"1","judge":"2.1"}"""));
            Assert.That(experiment["status"]!.GetValue<string>(), Is.EqualTo("running"));
        });
    }

    [Test]
    public void ListShowDelete_FindByNameNumberOrId()
    {
        var first = RunJson("experiments", "create", "demo.litedb", "gsm8k-demo")["experiment"]!;
        RunJson("experiments", "create", "demo.litedb", "gsm8k-demo", "--at", "2");

        var list = RunJson("experiments", "list", "demo.litedb", "gsm8k-demo");
        var byNumber = RunJson("experiments", "show", "demo.litedb", "gsm8k-demo", "#1")["experiment"]!;
        var byId = RunJson("experiments", "show", "demo.litedb", "gsm8k-demo", first["id"]!.GetValue<string>())["experiment"]!;
        var text = Run("experiments", "show", "demo.litedb", "gsm8k-demo", "EXP-2");
        var deleted = RunJson("experiments", "delete", "demo.litedb", "gsm8k-demo", "exp-1");
        var after = RunJson("experiments", "list", "demo.litedb", "gsm8k-demo");

        Assert.Multiple(() =>
        {
            Assert.That(list["experiments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "exp-2", "exp-1" }));
            Assert.That(list["total"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(byNumber["id"]!.GetValue<string>(), Is.EqualTo(first["id"]!.GetValue<string>()));
            Assert.That(byId["sequence"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(text.Output, Does.StartWith("Experiment #2 exp-2 of gsm8k-demo").And.Contain("pinned to version 2,"));
            Assert.That(deleted["deleted"]!.GetValue<string>(), Is.EqualTo(first["id"]!.GetValue<string>()));
            Assert.That(after["experiments"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()), Is.EqualTo(new[] { 2L }));
        });
    }

    [Test]
    public void Show_UnknownExperiment_FailsWithExperimentNotFoundAndTheListCommand()
    {
        var result = Run("experiments", "show", "demo.litedb", "gsm8k-demo", "nope", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ExperimentNotFound"));
            Assert.That(result.Error, Does.Contain("litedatasets experiments list demo.litedb gsm8k-demo"));
        });
    }

    [TestCase("--scorer", "exact")]
    [TestCase("--scorer", "=1")]
    public void Create_ScorerWithoutNameAndVersion_IsRefused(string option, string value)
    {
        var result = Run("experiments", "create", "demo.litedb", "gsm8k-demo", option, value, "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
        });
    }

    [Test]
    public void Experiments_WithoutASubcommand_IsAUsageError()
    {
        var result = Run("experiments");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith("error: 'experiments' needs a subcommand: list, create, show, results, compare, export, import or delete."));
        });
    }
}
