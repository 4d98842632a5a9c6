using System.Text.Json.Nodes;
using LiteDatasets.Cli.Commands.Experiments;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Tests;

/// <summary><c>experiments import</c>: results fed in as JSONL, checked whole before anything is written.</summary>
[TestFixture]
public sealed class ExperimentImportCommandTests : CliTestBase
{
    /// <summary>The stamps the store gives each experiment's results itself.</summary>
    private static readonly string[] Stamps = ["attempt", "recordedAt"];

    [SetUp]
    public void BuildRun() => BuildStore("evals.litedb", ResultStore.Fill);

    [Test]
    public void Import_AnExport_RoundTripsEveryResultButTheStamps()
    {
        RunJson("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "first.jsonl");

        var imported = Run("experiments", "import", "evals.litedb", "qa", "second", "first.jsonl");
        RunJson("experiments", "export", "evals.litedb", "qa", "second", "-o", "second.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(imported.Output, Is.EqualTo("Recorded 3 results from first.jsonl into experiment #2 second of qa: 3 of 6 runs now recorded." + Environment.NewLine));
            Assert.That(WithoutStamps("second.jsonl"), Is.EqualTo(WithoutStamps("first.jsonl")));
            Assert.That(WithoutStamps("first.jsonl")[0], Does.Contain("\"output\":{\"answer\":1.0,\"big\":9007199254740993}"));
        });
    }

    [Test]
    public void Import_ByExternalIdAndWithoutStamps_RecordsAndReports()
    {
        WriteFile("harness.jsonl", """
            {"externalId":"q3","output":"3","scores":[{"name":"exact","value":0}]}

            {"itemId":"item-a","repetition":1,"error":{"message":"boom"}}
            """);

        var json = RunJson("experiments", "import", "evals.litedb", "qa", "#2", "harness.jsonl");
        var results = RunJson("experiments", "results", "evals.litedb", "qa", "#2")["results"]!.AsArray();

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "experiment", "source", "recorded", "experimentRecorded", "expectedRuns" }));
            Assert.That(json["recorded"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(results.Select(r => r!["itemId"]!.GetValue<string>()), Is.EqualTo(new[] { "item-a", "item-c" }));
            Assert.That(results[0]!["error"]!.ToJsonString(), Is.EqualTo("""{"message":"boom","kind":"task","detail":null}"""));
            Assert.That(results[1]!["scores"]![0]!["value"]!.GetValue<double>(), Is.Zero);
        });
    }

    [TestCase("{\"itemId\":\"item-a\",", null)]
    [TestCase("[1]", "harness.jsonl, line 2: a line must hold one JSON object.")]
    [TestCase("{\"itemId\":\"item-a\",\"durationMS\":5}", "harness.jsonl, line 2: 'durationMS' is not a member of a result (see 'litedatasets experiments export').")]
    [TestCase("{\"output\":1}", "harness.jsonl, line 2: it names no item: give its itemId or externalId.")]
    [TestCase("{\"itemId\":\"item-a\",\"usage\":{\"inputTokens\":-1}}", "harness.jsonl, line 2: usage.inputTokens must be a whole number, 0 or more, or null.")]
    [TestCase("{\"itemId\":\"item-a\",\"error\":{\"message\":\"x\",\"kind\":\"crash\"}}", "harness.jsonl, line 2: error.kind 'crash' is not one of task, timeout, cancelled or scorer.")]
    [TestCase("{\"itemId\":\"item-a\",\"scores\":[{\"value\":1}]}", "harness.jsonl, line 2: scores[0].name is missing: a score needs a name.")]
    [TestCase("{\"itemId\":\"item-a\",\"itemId\":\"item-c\"}", null)]
    public void Import_MalformedLine_NamesItsNumberAndRecordsNothing(string line, string? reason)
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-c\",\"output\":1}\n" + line + "\n");

        var result = Run("experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ImportFormat"));
            Assert.That(result.Json["error"]!["line"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(result.Error, reason is null
                ? Does.StartWith("error: harness.jsonl, line 2: it is not valid JSON (")
                : Is.EqualTo($"error: {reason} Nothing was recorded; fix the line and import again." + Environment.NewLine));
            Assert.That(Recorded("second"), Is.Zero);
        });
    }

    [Test]
    public void Import_ARunGivenTwice_IsRefusedWithBothLines()
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-c\"}\n{\"itemId\":\"item-a\"}\n{\"itemId\":\"item-c\",\"repetition\":0}\n");

        var result = Run("experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ImportFormat"));
            Assert.That(result.Json["error"]!["line"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(result.Error, Is.EqualTo("error: harness.jsonl, line 3: the run of item 'item-c', repetition 0, is given again (first on line 1); a file gives each run once. Nothing was recorded." + Environment.NewLine));
            Assert.That(Recorded("second"), Is.Zero);
        });
    }

    [TestCase("{\"itemId\":\"nope\"}", "the experiment has no item with the id 'nope' at its pinned version 1")]
    [TestCase("{\"externalId\":\"q9\"}", "the experiment has no item with the external id 'q9' at its pinned version 1")]
    [TestCase("{\"itemId\":\"item-a\",\"repetition\":2}", "repetition 2 is out of range: the experiment runs each item 2 time(s), repetitions 0 to 1")]
    public void Import_ItemNotInTheExperiment_IsRefusedWithItsLine(string line, string reason)
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-c\"}\n" + line + "\n");

        var result = Run("experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ItemNotInExperiment"));
            Assert.That(result.Error, Is.EqualTo($"error: harness.jsonl, line 2: {reason}. Nothing was recorded." + Environment.NewLine));
            Assert.That(Recorded("second"), Is.Zero);
        });
    }

    [Test]
    public void Import_AnItemAddedAfterThePinOrOutsideTheFilter_IsNotInTheExperiment()
    {
        using (var store = DatasetStore.Open(Path.Combine(Directory, "evals.litedb")))
        {
            var dataset = store.FindDataset("qa")!;
            store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("new")) { Id = "item-new" });
            store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "filtered", Version = 1, Filter = new ExperimentFilter { ExternalIds = ["q1"] } });
        }

        WriteFile("late.jsonl", "{\"itemId\":\"item-new\"}\n");
        WriteFile("outside.jsonl", "{\"externalId\":\"q1\"}\n{\"externalId\":\"q3\"}\n");

        var late = Run("experiments", "import", "evals.litedb", "qa", "baseline", "late.jsonl");
        var outside = Run("experiments", "import", "evals.litedb", "qa", "filtered", "outside.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(late.Error, Is.EqualTo("error: late.jsonl, line 1: the experiment has no item with the id 'item-new' at its pinned version 1. Nothing was recorded." + Environment.NewLine));
            Assert.That(outside.Error, Is.EqualTo("error: outside.jsonl, line 2: the experiment has no item with the external id 'q3' at its pinned version 1 that its filter covers. Nothing was recorded." + Environment.NewLine));
            Assert.That(Recorded("filtered"), Is.Zero);
        });
    }

    [Test]
    public void Import_AResultMadeOnOtherContent_IsRefusedByItsHash()
    {
        // Lines 1 and 2 are of an item unchanged since version 1, so their hashes pass; line 3's item was edited in version 2.
        RunJson("experiments", "export", "evals.litedb", "qa", "baseline", "-o", "first.jsonl");
        RunJson("experiments", "create", "evals.litedb", "qa", "--name", "current", "--repetitions", "2");
        var lines = File.ReadAllLines(Path.Combine(Directory, "first.jsonl"));
        var stale = JsonNode.Parse(lines[2])!["itemHash"]!.GetValue<string>();
        WriteFile("unhashed.jsonl", lines[2].Replace("\"itemHash\":\"" + stale + "\"", "\"itemHash\":null", StringComparison.Ordinal) + "\n");

        var refused = Run("experiments", "import", "evals.litedb", "qa", "current", "first.jsonl", "--json");
        var withoutHash = Run("experiments", "import", "evals.litedb", "qa", "current", "unhashed.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ItemHashMismatch"));
            Assert.That(refused.Json["error"]!["line"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(refused.Error, Does.StartWith($"error: first.jsonl, line 3: the result was made on other content: its itemHash {stale} is not the hash of item '{ResultStore.LongId}' at the experiment's pinned version 2 (")
                .And.EndWith("). Import it into an experiment pinned to the version it was made on, or leave out itemHash to record it on this content anyway. Nothing was recorded." + Environment.NewLine));
            Assert.That(withoutHash.ExitCode, Is.Zero, withoutHash.ToString);
            Assert.That(Recorded("current"), Is.EqualTo(1));
        });
    }

    [Test]
    public void Import_IntoAClosedExperiment_IsRefused()
    {
        using (var store = DatasetStore.Open(Path.Combine(Directory, "evals.litedb")))
        {
            store.CompleteExperiment(store.FindExperiment(store.FindDataset("qa")!.Id, "second")!.Id, ExperimentStatus.Completed);
        }

        WriteFile("harness.jsonl", "{\"itemId\":\"item-a\"}\n");

        var result = Run("experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ExperimentClosed"));
            Assert.That(result.Error, Is.EqualTo("error: Experiment #2 second is completed, so it takes no more results; nothing was recorded. Create a new experiment with 'litedatasets experiments create' to record them." + Environment.NewLine));
        });
    }

    [Test]
    public void Import_UnknownExperimentOrFile_Fails()
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-a\"}\n");

        var experiment = Run("experiments", "import", "evals.litedb", "qa", "#7", "harness.jsonl", "--json");
        var file = Run("experiments", "import", "evals.litedb", "qa", "second", "missing.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(experiment.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ExperimentNotFound"));
            Assert.That(file.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileNotFound"));
        });
    }

    [Test]
    public void Import_AResultTheStoreRefuses_NamesTheLinesOfItsCommit()
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-c\"}\n{\"itemId\":\"item-a\",\"model\":\"" + new string('m', 5000) + "\"}\n");

        var result = Run("experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(result.Error, Does.StartWith("error: harness.jsonl, lines 1 to 2: ").And.EndWith(" Nothing was recorded." + Environment.NewLine));
            Assert.That(Recorded("second"), Is.Zero);
        });
    }

    [Test]
    public void Import_Interrupted_BeforeAnyCommit_KeepsNothing()
    {
        WriteFile("harness.jsonl", "{\"itemId\":\"item-a\"}\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var code = CliApp.Run(["experiments", "import", "evals.litedb", "qa", "second", "harness.jsonl"], new CliEnvironment(output, error, Directory, interactive: false), interrupt.Token);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ExitCodes.Interrupted));
            Assert.That(error.ToString(), Is.EqualTo("error: Interrupted: the command stopped, and nothing it was writing was kept." + Environment.NewLine));
            Assert.That(Recorded("second"), Is.Zero);
        });
    }

    [Test]
    public void Run_InterruptedAfterACommit_KeepsTheCommitsAndSaysHowMany()
    {
        using var store = DatasetStore.OpenInMemory();
        var dataset = store.CreateDataset(new DatasetDefinition("many"));
        store.AddItems(dataset.Id, Enumerable.Range(0, 1500).Select(i => new ItemDraft(JsonValue.Create(i)) { ExternalId = $"k{i}" }));
        var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition());
        var path = WriteFile("many.jsonl", string.Concat(Enumerable.Range(0, 1500).Select(i => $"{{\"externalId\":\"k{i}\",\"output\":{i}}}\n")));
        var check = ResultImportCheck.Run(store, experiment, path, "many.jsonl", CancellationToken.None);
        using var interrupt = new CancellationTokenSource();
        var import = new ResultImport(store, experiment, check);

        var stopped = Assert.Throws<CliException>(() => import.Run(path, "many.jsonl", new CancelOnReport(interrupt), interrupt.Token));

        Assert.Multiple(() =>
        {
            Assert.That(stopped!.Code, Is.EqualTo(CliException.InterruptedCode));
            Assert.That(stopped.Message, Does.StartWith("Interrupted: 1,000 of 1,500 results were recorded before the stop (the commits made are kept)"));
            Assert.That(store.GetExperiment(experiment.Id)!.Recorded, Is.EqualTo(1000));
        });
    }

    private long Recorded(string experiment) => RunJson("experiments", "show", "evals.litedb", "qa", experiment)["experiment"]!["recorded"]!.GetValue<long>();

    /// <summary>Gets the lines of an export without the stamps each experiment gives its own results.</summary>
    private string[] WithoutStamps(string file) => File.ReadAllLines(Path.Combine(Directory, file)).Select(line =>
    {
        var result = JsonNode.Parse(line)!.AsObject();
        foreach (var stamp in Stamps)
        {
            result.Remove(stamp);
        }

        return result.ToJsonString();
    }).ToArray();

    /// <summary>Presses Ctrl-C when the first commit is reported (on the importing thread, so before the next).</summary>
    private sealed class CancelOnReport(CancellationTokenSource interrupt) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => interrupt.Cancel();
    }
}
