using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace LiteDatasets.Extensions.AI.Tests;

// The runner with a response cache in the store: a second run calls the model only for what changed.
public sealed partial class EvaluationRunnerTests
{
    [Test]
    public async Task RunAsync_SecondExperimentAfterAnInputEdit_CallsTheModelOnlyForTheEditedItem()
    {
        var first = Experiment(5);
        var model = new FakeChatClient((prompt, _, _) => Task.FromResult(prompt.StartsWith('q') ? Answer(prompt) : "edited"));
        using var cached = new DistributedCachingChatClient(model, StoreDistributedCache.Global(_store));
        var runner = new EvaluationRunner(_store, Options(cached));

        var firstReport = await runner.RunAsync(first.Id);
        var edited = _store.ReadItems(first.DatasetId).ElementAt(2);
        _store.UpdateItem(first.DatasetId, edited.Id, new ItemPatch { Input = JsonValue.Create("an edited question") });
        var second = _store.CreateExperiment(first.DatasetId, new ExperimentDefinition { TaskVersion = "fake-model@1" });
        var secondReport = await runner.RunAsync(second.Id);
        var results = _store.ReadResults(second.Id).ToList();
        var summary = _store.Summarize(second.Id);

        Assert.Multiple(() =>
        {
            Assert.That((firstReport.Recorded, firstReport.CacheHits), Is.EqualTo((5L, 0L)));
            Assert.That((secondReport.Status, secondReport.Recorded, secondReport.CacheHits), Is.EqualTo((EvaluationRunStatus.Completed, 5L, 4L)));
            Assert.That(model.Total, Is.EqualTo(6), "five calls, then one for the edited item");
            Assert.That(model.CallsFor("an edited question"), Is.EqualTo(1));
            Assert.That(results.Select(r => (r.ItemId == edited.Id, r.CacheHit)), Is.EqualTo(new[] { (false, (bool?)true), (false, true), (true, false), (false, true), (false, true) }));
            Assert.That(results.Select(r => r.Output!.GetValue<string>()), Is.EqualTo(new[] { "a1", "a2", "edited", "a4", "a5" }));
            Assert.That((summary.Usage.InputTokens, summary.CachedUsage.InputTokens), Is.EqualTo((10L, 40L)), "cached cost is kept apart from spent cost");
            Assert.That(_store.Summarize(first.Id).CachedUsage.InputTokens, Is.Zero);
        });
    }

    [Test]
    public async Task RunAsync_CacheOfAnotherExperiment_IsNotShared()
    {
        var first = Experiment(2);
        var second = _store.CreateExperiment(first.DatasetId, new ExperimentDefinition { TaskVersion = "fake-model@1" });
        var model = new FakeChatClient((prompt, _, _) => Task.FromResult(Answer(prompt)));

        foreach (var experiment in new[] { first, second })
        {
            using var cached = new DistributedCachingChatClient(model, StoreDistributedCache.ForExperiment(_store, experiment.Id));
            await new EvaluationRunner(_store, Options(cached)).RunAsync(experiment.Id);
        }

        Assert.Multiple(() =>
        {
            Assert.That(model.Total, Is.EqualTo(4));
            Assert.That(_store.ReadResults(second.Id).Select(r => r.CacheHit), Is.All.False);
        });
    }
}
