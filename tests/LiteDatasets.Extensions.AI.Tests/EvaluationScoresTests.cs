using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

[TestFixture]
public sealed class EvaluationScoresTests
{
    [Test]
    public void ToScoreDrafts_NumericBooleanAndStringMetrics_GiveValuePassedAndLabel()
    {
        var result = new EvaluationResult(
            new NumericMetric("coherence", 4.5, reason: "reads well"),
            new BooleanMetric("safe", true),
            new BooleanMetric("grounded", false),
            new StringMetric("tone", "formal"));

        var scores = result.ToScoreDrafts("judge@2");

        Assert.Multiple(() =>
        {
            Assert.That(scores.Select(s => s.Name), Is.EqualTo(new[] { "coherence", "safe", "grounded", "tone" }));
            Assert.That((scores[0].Value, scores[0].Passed, scores[0].Label, scores[0].Reason), Is.EqualTo(((double?)4.5, (bool?)null, (string?)null, "reads well")));
            Assert.That((scores[1].Value, scores[1].Passed), Is.EqualTo(((double?)1, (bool?)true)));
            Assert.That((scores[2].Value, scores[2].Passed), Is.EqualTo(((double?)0, (bool?)false)));
            Assert.That((scores[3].Value, scores[3].Passed, scores[3].Label), Is.EqualTo(((double?)null, (bool?)null, "formal")));
            Assert.That(scores.Select(s => s.ScorerVersion), Is.All.EqualTo("judge@2"));
            Assert.That(scores.Select(s => (s.Error, s.Usage, s.Metadata)), Is.All.EqualTo(((string?)null, (ResultUsage?)null, (System.Text.Json.Nodes.JsonObject?)null)));
        });
    }

    [Test]
    public void ToScoreDraft_NonFiniteOrMissingValues_GiveNoValue()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new NumericMetric("n", double.NaN).ToScoreDraft().Value, Is.Null);
            Assert.That(new NumericMetric("n").ToScoreDraft().Value, Is.Null);
            Assert.That((new BooleanMetric("b").ToScoreDraft().Value, new BooleanMetric("b").ToScoreDraft().Passed), Is.EqualTo(((double?)null, (bool?)null)));
        });
    }

    [Test]
    public void ToScoreDraft_Interpretation_DecidesPassedAndKeepsItsRating()
    {
        var failed = new NumericMetric("relevance", 2) { Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Poor, failed: true, reason: "below 3") };
        var passed = new BooleanMetric("fluent", false) { Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Good) };

        var (a, b) = (failed.ToScoreDraft(), passed.ToScoreDraft());

        Assert.Multiple(() =>
        {
            Assert.That((a.Value, a.Passed), Is.EqualTo(((double?)2, (bool?)false)));
            Assert.That(a.Metadata!.ToJsonString(), Is.EqualTo("""{"rating":"Poor","interpretation":"below 3"}"""));
            Assert.That((b.Value, b.Passed), Is.EqualTo(((double?)0, (bool?)true)), "The interpretation, not the raw value, says whether it passed.");
            Assert.That(b.Metadata!.ToJsonString(), Is.EqualTo("""{"rating":"Good"}"""));
        });
    }

    [Test]
    public void ToScoreDraft_Diagnostics_ErrorsBecomeTheErrorAndTheRestAreKept()
    {
        var metric = new NumericMetric("relevance");
        metric.AddDiagnostics(
            EvaluationDiagnostic.Error("the judge returned no score"),
            EvaluationDiagnostic.Warning("the response was truncated"),
            EvaluationDiagnostic.Error("retry failed"));

        var score = metric.ToScoreDraft();

        Assert.Multiple(() =>
        {
            Assert.That(score.Error, Is.EqualTo("the judge returned no score; retry failed"));
            Assert.That(score.Metadata!.ToJsonString(), Is.EqualTo("""{"diagnostics":[{"severity":"Warning","message":"the response was truncated"}]}"""));
        });
    }

    [Test]
    public void ToScoreDraft_JudgeMetadata_GivesTheUsageAndKeepsTheModel()
    {
        var metric = new NumericMetric("relevance", 5);
        metric.AddOrUpdateMetadata("eval-model", "judge-model-1");
        metric.AddOrUpdateMetadata("eval-input-tokens", "120");
        metric.AddOrUpdateMetadata("eval-output-tokens", "30");
        metric.AddOrUpdateMetadata("eval-total-tokens", "150");
        metric.AddOrUpdateMetadata("eval-duration-ms", "12");

        var score = metric.ToScoreDraft();

        Assert.Multiple(() =>
        {
            Assert.That(score.Usage, Is.EqualTo(new ResultUsage { InputTokens = 120, OutputTokens = 30, TotalTokens = 150 }));
            Assert.That(score.Metadata!["metadata"]!["eval-model"]!.GetValue<string>(), Is.EqualTo("judge-model-1"));
            Assert.That(score.Metadata!["metadata"]!["eval-duration-ms"]!.GetValue<string>(), Is.EqualTo("12"));
        });
    }

    [Test]
    public void ToScoreDraft_UnreadableTokenCounts_AreLeftOut()
    {
        var metric = new NumericMetric("relevance", 5);
        metric.AddOrUpdateMetadata("eval-input-tokens", "many");
        metric.AddOrUpdateMetadata("eval-output-tokens", "-3");

        Assert.That(metric.ToScoreDraft().Usage, Is.Null);
    }

    [Test]
    public void ToScoreDrafts_RecordedWithAResult_ComeBackAsScores()
    {
        using var store = DatasetStore.OpenInMemory();
        var dataset = store.CreateDataset(new DatasetDefinition("qa"));
        store.AddItem(dataset.Id, new ItemDraft(System.Text.Json.Nodes.JsonValue.Create("q")));
        var item = store.ReadItems(dataset.Id).Single();
        var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition());
        var metric = new NumericMetric("relevance", 4) { Interpretation = new EvaluationMetricInterpretation(EvaluationRating.Good) };

        store.RecordResult(experiment.Id, new ResultDraft(item.Id) { Scores = new EvaluationResult(metric, new StringMetric("tone", "formal")).ToScoreDrafts() });
        var scores = store.ReadResults(experiment.Id).Single().Scores;

        Assert.That(scores.Select(s => (s.Name, s.Value, s.Passed, s.Label)), Is.EqualTo(new[] { ("relevance", (double?)4, (bool?)true, (string?)null), ("tone", null, null, "formal") }));
    }
}
