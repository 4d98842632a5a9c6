using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

// The runner on an experiment carried forward: a changed expected output is scored again without asking the model.
public sealed partial class EvaluationRunnerTests
{
    [Test]
    public async Task RunAsync_CarriedExperimentAfterAnExpectedOutputEdit_ScoresTheStoredOutputWithoutCallingTheModel()
    {
        var first = Experiment(4);
        var model = new FakeChatClient((prompt, _, _) => Task.FromResult(Answer(prompt)));
        var runner = new EvaluationRunner(_store, Options(model));
        await runner.RunAsync(first.Id);
        var edited = _store.ReadItems(first.DatasetId).ElementAt(1);
        _store.UpdateItem(first.DatasetId, edited.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("a different answer") });
        var second = _store.CreateExperiment(first.DatasetId, new ExperimentDefinition { TaskVersion = "fake-model@1", CarryFrom = first.Id });
        var pending = _store.GetPendingWork(second.Id).Select(w => (w.Item.Id, w.Reason)).ToList();

        var report = await runner.RunAsync(second.Id);
        var rescored = _store.ReadResults(second.Id).Single(r => r.ItemId == edited.Id);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.EqualTo(new[] { (edited.Id, PendingReason.Rescore) }));
            Assert.That(model.Total, Is.EqualTo(4), "the model answered the first experiment only");
            Assert.That(report, Is.EqualTo(new EvaluationRunReport(EvaluationRunStatus.Completed, 1, 0, 0)));
            Assert.That((rescored.Output!.GetValue<string>(), rescored.CarriedFrom), Is.EqualTo(("a2", first.Id)), "the carried output stays");
            Assert.That(rescored.Scores.Single(s => s.Name == "exact").Passed, Is.False, "judged against the new expected output");
            Assert.That(_store.GetPendingWork(second.Id), Is.Empty);
            Assert.That(_store.Summarize(second.Id).Usage.InputTokens, Is.Zero, "nothing was spent on the second experiment");
        });
    }

    [Test]
    public async Task RunAsync_RescoreWhoseEvaluatorGivesNoMetric_CountsAsFailedAndStaysPending()
    {
        var first = Experiment(2);
        var model = new FakeChatClient((prompt, _, _) => Task.FromResult(Answer(prompt)));
        await new EvaluationRunner(_store, Options(model)).RunAsync(first.Id);
        var edited = _store.ReadItems(first.DatasetId).First();
        _store.UpdateItem(first.DatasetId, edited.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("another answer") });
        var second = _store.CreateExperiment(first.DatasetId, new ExperimentDefinition { TaskVersion = "fake-model@1", CarryFrom = first.Id });

        var report = await new EvaluationRunner(_store, Options(model) with { Evaluator = new SilentEvaluator() }).RunAsync(second.Id);

        Assert.Multiple(() =>
        {
            Assert.That(report, Is.EqualTo(new EvaluationRunReport(EvaluationRunStatus.CompletedWithErrors, 1, 1, 0)));
            Assert.That(_store.GetPendingWork(second.Id).Select(w => (w.Item.Id, w.Reason)), Is.EqualTo(new[] { (edited.Id, PendingReason.Rescore) }));
        });
    }

    /// <summary>An evaluator that gives no metric at all.</summary>
    private sealed class SilentEvaluator : IEvaluator
    {
        public IReadOnlyCollection<string> EvaluationMetricNames => [];

        public ValueTask<EvaluationResult> EvaluateAsync(
            IEnumerable<ChatMessage> messages,
            ChatResponse modelResponse,
            ChatConfiguration? chatConfiguration = null,
            IEnumerable<EvaluationContext>? additionalContext = null,
            CancellationToken cancellationToken = default) => ValueTask.FromResult(new EvaluationResult());
    }
}
