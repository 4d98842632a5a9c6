using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>The runner against a fake chat client and a hand-written evaluator, on an in-memory store.</summary>
[TestFixture]
public sealed partial class EvaluationRunnerTests
{
    private DatasetStore _store = null!;

    [SetUp]
    public void OpenStore() => _store = DatasetStore.OpenInMemory();

    [TearDown]
    public void CloseStore() => _store.Dispose();

    [Test]
    public async Task RunAsync_EveryPendingRun_IsRecordedWithOutputUsageAndScores()
    {
        var experiment = Experiment(5);
        var client = new FakeChatClient((prompt, _, _) => Task.FromResult(prompt == "q3" ? "wrong" : Answer(prompt)));

        var report = await new EvaluationRunner(_store, Options(client)).RunAsync(experiment.Id);
        var results = _store.ReadResults(experiment.Id).ToList();
        var summary = _store.Summarize(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new EvaluationRunReport(EvaluationRunStatus.Completed, 5, 0, 0)));
            Assert.That(results.Select(r => r.Output!.GetValue<string>()), Is.EqualTo(new[] { "a1", "a2", "wrong", "a4", "a5" }));
            Assert.That(results.Select(r => (r.Model, r.Usage!.InputTokens, r.CacheHit)), Is.All.EqualTo(("fake-model", (long?)10, (bool?)null)));
            Assert.That(results.Select(r => r.Duration), Is.All.Not.Null);
            Assert.That(summary.Scores.Single(s => s.Name == "exact").PassRate, Is.EqualTo(0.8).Within(1e-12));
            Assert.That(results[2].Scores.Single(s => s.Name == "length").Value, Is.EqualTo(5));
            Assert.That(results.SelectMany(r => r.Scores).Select(s => s.ScorerVersion), Is.All.EqualTo("exact@1"));
            Assert.That(_store.GetPendingWork(experiment.Id), Is.Empty);
        });
    }

    [Test]
    public async Task RunAsync_MaxConcurrency_IsReachedAndNeverExceeded()
    {
        var experiment = Experiment(12);
        var full = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        FakeChatClient client = null!;
        client = new FakeChatClient(async (prompt, _, token) =>
        {
            // The first calls wait until three run at once: a runner that allowed fewer would time out here, and
            // one that allowed more would start a fourth meanwhile.
            if (client.InFlight >= 3)
            {
                full.TrySetResult();
            }

            await full.Task.WaitAsync(TimeSpan.FromSeconds(30), token);
            return Answer(prompt);
        });

        var report = await new EvaluationRunner(_store, Options(client) with { MaxConcurrency = 3 }).RunAsync(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(EvaluationRunStatus.Completed));
            Assert.That(client.MaxInFlight, Is.EqualTo(3));
            Assert.That(client.Total, Is.EqualTo(12));
        });
    }

    [Test]
    public async Task RunAsync_FailuresAndTimeouts_AreRetriedThenRecordedAsErrors()
    {
        var experiment = Experiment(4);
        var client = new FakeChatClient(async (prompt, _, token) =>
        {
            switch (prompt)
            {
                case "q1":
                    throw new HttpRequestException("the model is down");
                case "q2":
                    // Never answers: only the item timeout ends the call.
                    await Task.Delay(Timeout.InfiniteTimeSpan, token);
                    break;
            }

            return Answer(prompt);
        });
        var flaky = 0;
        var options = Options(client) with
        {
            ItemTimeout = TimeSpan.FromMilliseconds(200),
            Retries = 2,
            RetryDelay = TimeSpan.Zero,
            Evaluator = new ExactMatchEvaluator { FailOn = "a4" },
        };
        var respond = options.Respond;
        options = options with { Respond = (item, token) => item.Input.GetValue<string>() == "q3" && Interlocked.Increment(ref flaky) < 3 ? throw new IOException("flaky") : respond(item, token) };

        var report = await new EvaluationRunner(_store, options).RunAsync(experiment.Id);
        var results = _store.ReadResults(experiment.Id).ToDictionary(r => r.Output?.GetValue<string>() ?? r.Error!.Kind.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new EvaluationRunReport(EvaluationRunStatus.CompletedWithErrors, 4, 3, 0)));
            Assert.That((client.CallsFor("q1"), client.CallsFor("q2"), client.CallsFor("q3")), Is.EqualTo((3, 3, 1)), "two retries each; q3 failed twice before the client");
            Assert.That(results["Task"].Error!.Message, Does.Contain("the model is down").And.Contain("3 attempts"));
            Assert.That(results["Timeout"].Error!.Message, Does.Contain("No response within"));
            Assert.That(results["Timeout"].Metadata!["attempts"]!.GetValue<int>(), Is.EqualTo(3));
            Assert.That((results["a3"].Error, results["a3"].Metadata!["attempts"]!.GetValue<int>()), Is.EqualTo(((ResultError?)null, 3)));
            Assert.That(results["a4"].Error, Is.EqualTo(new ResultError("The evaluator failed: cannot judge a4", ResultErrorKind.Scorer, typeof(InvalidOperationException).FullName)));
            Assert.That(_store.GetPendingWork(experiment.Id).Count(), Is.EqualTo(3), "Failed runs are pending again.");
        });
    }

    [Test]
    public async Task RunAsync_Cancelled_RecordsTheFinishedRunsWholeAndLeavesTheRestPending()
    {
        var experiment = Experiment(20);
        using var cancel = new CancellationTokenSource();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = new FakeChatClient(async (prompt, number, token) =>
        {
            if (number == 7)
            {
                await cancel.CancelAsync();
                cancelled.SetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            else if (number > 7)
            {
                // A call begun after the seventh answers only once the caller has cancelled: the seventh's thread may
                // be held up between being numbered and cancelling, and the other worker must not run ahead meanwhile.
                await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
            }

            return Answer(prompt);
        });
        var options = Options(client) with { MaxConcurrency = 2, Recorder = new RecorderOptions { BatchSize = 4, FlushInterval = Timeout.InfiniteTimeSpan } };

        var report = await new EvaluationRunner(_store, options).RunAsync(experiment.Id, cancel.Token);
        var results = _store.ReadResults(experiment.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(report.Status, Is.EqualTo(EvaluationRunStatus.Cancelled));
            Assert.That(results, Has.Count.EqualTo(report.Recorded), "Every result the run took is committed, the last partial batch too.");
            Assert.That(report.Recorded, Is.EqualTo(client.Total - 1), "Every answered call was recorded; the cancelled seventh was not.");
            Assert.That(client.Total, Is.InRange(7, 19), "The run stopped taking items once cancelled.");
            Assert.That(results.Select(r => (r.Error, r.Scores.Count)), Is.All.EqualTo(((ResultError?)null, 2)), "No half-done run is recorded.");
            Assert.That(_store.GetPendingWork(experiment.Id).Count(), Is.EqualTo(20 - results.Count));
        });
    }

    [Test]
    public void Backoff_DoublesFromTheDelayUpToTheLongestWait()
    {
        var waits = new[] { 1, 2, 3, 4, 100 }.Select(attempt => ItemRun.Backoff(TimeSpan.FromSeconds(1), attempt));

        Assert.Multiple(() =>
        {
            Assert.That(waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), EvaluationRunnerOptions.MaxRetryDelay }));
            Assert.That(ItemRun.Backoff(TimeSpan.MaxValue, 1), Is.EqualTo(EvaluationRunnerOptions.MaxRetryDelay));
            Assert.That(ItemRun.Backoff(TimeSpan.Zero, 5), Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void Constructor_OptionsOutOfRange_Throw()
    {
        var options = Options(new FakeChatClient((p, _, _) => Task.FromResult(p)));

        Assert.Multiple(() =>
        {
            Assert.That(() => new EvaluationRunner(_store, options with { MaxConcurrency = 0 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new EvaluationRunner(_store, options with { Retries = -1 }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new EvaluationRunner(_store, options with { RetryDelay = TimeSpan.FromSeconds(-1) }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new EvaluationRunner(_store, options with { ItemTimeout = TimeSpan.Zero }), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => new EvaluationRunner(_store, options with { ItemTimeout = Timeout.InfiniteTimeSpan }), Throws.Nothing);
        });
    }

    private static string Answer(string prompt) => "a" + prompt[1..];

    private Experiment Experiment(int items, string name = "qa")
    {
        var dataset = _store.FindDataset(name) ?? _store.CreateDataset(new DatasetDefinition(name));
        _store.AddItems(dataset.Id, Enumerable.Range(1, items).Select(i => new ItemDraft(JsonValue.Create($"q{i}")) { ExpectedOutput = JsonValue.Create($"a{i}") }));
        return _store.CreateExperiment(dataset.Id, new ExperimentDefinition { TaskVersion = "fake-model@1" });
    }

    private static EvaluationRunnerOptions Options(IChatClient client) => new()
    {
        Respond = (item, token) => client.GetResponseAsync(item.Input.GetValue<string>(), cancellationToken: token),
        Evaluator = new ExactMatchEvaluator(),
        Contexts = item => [new ExpectedAnswer(item.ExpectedOutput!.GetValue<string>())],
        ScorerVersion = "exact@1",
        RetryDelay = TimeSpan.Zero,
    };
}
