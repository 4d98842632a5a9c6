using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using LiteDatasets.Tests.Experiments;

namespace LiteDatasets.Tests.Contract;

/// <summary>Comparing two experiments: against figures worked out by hand, against the oracle, across chunks, and refused.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void CompareExperiments_KnownResults_GiveTheFiguresWorkedOutByHand()
    {
        var (baseline, candidate) = HandWorkedComparison();

        var comparison = Store.CompareExperiments(baseline.Id, candidate.Id);

        Assert.Multiple(() =>
        {
            Assert.That((comparison.Baseline.Experiment.Id, comparison.Candidate.Experiment.Id), Is.EqualTo((baseline.Id, candidate.Id)));
            Assert.That((comparison.Baseline.Experiment.DatasetFingerprint, comparison.Candidate.Experiment.DatasetFingerprint), Is.EqualTo((baseline.DatasetFingerprint, candidate.DatasetFingerprint)));
            Assert.That((comparison.Baseline.ErrorRate, comparison.Candidate.ErrorRate), Is.EqualTo(((double?)0.25, (double?)0)));
            Assert.That(
                new[] { comparison.Baseline.Summary, comparison.Candidate.Summary }.Select(s => JsonSerializer.Serialize(s)),
                Is.EqualTo(new[] { Store.Summarize(baseline.Id), Store.Summarize(candidate.Id) }.Select(s => JsonSerializer.Serialize(s))),
                "each side's summary is the one Summarize gives");
            Assert.That(comparison.Warnings, Has.Count.EqualTo(3), "repetitions, task versions and the version of scorer 'exact'");
            Assert.That((comparison.Compared, comparison.ContentChanged, comparison.OnlyInBaseline, comparison.OnlyInCandidate), Is.EqualTo((3L, 1L, 1L, 1L)));
            Assert.That(
                comparison.Items.Select(i => (i.ItemId, i.Status, i.Flaky)),
                Is.EqualTo(new[]
                {
                    ("a", ItemComparisonStatus.Improved, true), ("b", ItemComparisonStatus.NewlyFailing, false), ("c", ItemComparisonStatus.Fixed, false),
                    ("d", ItemComparisonStatus.ContentChanged, false), ("e", ItemComparisonStatus.OnlyInBaseline, false), ("f", ItemComparisonStatus.OnlyInCandidate, false),
                }));
            var exact = comparison.Scores.Single();
            Assert.That(
                (exact.Name, exact.Paired, exact.BaselineMean, exact.CandidateMean, exact.Delta, exact.Improved, exact.Regressed, exact.Unchanged, exact.PassedToFailed, exact.FailedToPassed, exact.Interval),
                Is.EqualTo(("exact", 2L, (double?)0.75, (double?)0.5, (double?)-0.25, 1L, 1L, 0L, 1L, 0L, (DeltaInterval?)null)));
            Assert.That((exact.Verdict, comparison.HasRegression), Is.EqualTo((ComparisonVerdict.Regressed, true)));
        });
    }

    [Test]
    public void CompareExperiments_OptionsGiven_MoveTheVerdictsAndTheFigures()
    {
        var (baseline, candidate) = HandWorkedComparison();
        CompareOptions Exact(ScoreCompareOptions o, bool include = false) => new() { Scores = new Dictionary<string, ScoreCompareOptions> { ["exact"] = o }, IncludeContentChanged = include };

        var tolerant = Store.CompareExperiments(baseline.Id, candidate.Id, Exact(new ScoreCompareOptions { Tolerance = 0.3 }));
        var lower = Store.CompareExperiments(baseline.Id, candidate.Id, Exact(new ScoreCompareOptions { Direction = ScoreDirection.LowerIsBetter }));
        var included = Store.CompareExperiments(baseline.Id, candidate.Id, Exact(new ScoreCompareOptions(), include: true));

        Assert.Multiple(() =>
        {
            Assert.That((tolerant.Scores[0].Verdict, tolerant.HasRegression), Is.EqualTo((ComparisonVerdict.Unchanged, false)));
            Assert.That((lower.Scores[0].Verdict, lower.HasRegression), Is.EqualTo((ComparisonVerdict.Improved, false)));
            Assert.That(lower.Items.Take(2).Select(i => i.Status), Is.EqualTo(new[] { ItemComparisonStatus.Regressed, ItemComparisonStatus.Mixed }));
            Assert.That((included.Scores[0].Paired, included.Scores[0].Regressed), Is.EqualTo((3L, 2L)));
            Assert.That(included.Scores[0].Delta, Is.EqualTo(-0.5).Within(1e-12), "(0 + 1 + 0) / 3 - (0.5 + 1 + 1) / 3");
            Assert.That(included.Items.Single(i => i.ItemId == "d").Status, Is.EqualTo(ItemComparisonStatus.ContentChanged));
        });
    }

    [Test]
    public void CompareExperiments_GeneratedCases_AgreeWithTheOracle()
    {
        var config = Config.QuickThrowOnFailure.WithMaxTest(4).WithReplay(20261204, 1341);
        var cases = 0;
        Prop.ForAll(Arb.From(ComparisonArbitraries.Cases), generated =>
        {
            var (_, baseline, candidate) = generated.Play(Store, "generated-" + cases++);
            var comparison = Store.CompareExperiments(baseline.Id, candidate.Id, generated.Options);
            var oracle = ComparisonOracle.Items(Store, baseline, candidate, generated.ItemIds, generated.Options);
            Assert.That(comparison.Items.Select(ComparisonOracle.Describe), Is.EqualTo(oracle));
            Assert.That(comparison.Scores.Select(ComparisonOracle.DescribeScore), Is.EqualTo(ComparisonOracle.Summary(Store, baseline, candidate, generated.ItemIds, generated.Options).Skip(4)));
        }).Check(config);
        Assert.That(cases, Is.EqualTo(4));
    }

    [Test]
    public void CompareExperiments_MoreResultsThanOneRead_AreMergedAcrossReads()
    {
        // 700 items: the baseline has results of the even ones with two repetitions, the candidate of all but every
        // seventh; chunks of the two sides end at different items.
        var (ds, items, baseline) = ExperimentWithItems(700, new ExperimentDefinition { Name = "b", Repetitions = 2 });
        var candidate = NewExperiment(ds.Id, new ExperimentDefinition { Name = "c" });
        Store.RecordResults(baseline.Id, items.Where((_, i) => i % 2 == 0).SelectMany(item => new[] { 0, 1 }.Select(r => new ResultDraft(item.Id) { Repetition = r, Scores = [new ScoreDraft("s") { Value = 1 }] })));
        Store.RecordResults(candidate.Id, items.Where((_, i) => i % 7 != 0).Select(item => new ResultDraft(item.Id) { Scores = [new ScoreDraft("s") { Value = 1 }] }));

        var comparison = Store.CompareExperiments(baseline.Id, candidate.Id);

        var both = Enumerable.Range(0, 700).Count(i => i % 2 == 0 && i % 7 != 0);
        Assert.Multiple(() =>
        {
            Assert.That((comparison.Compared, comparison.OnlyInBaseline, comparison.OnlyInCandidate), Is.EqualTo(((long)both, 50L, (long)(600 - both))));
            Assert.That(comparison.Items.Select(i => i.ItemId), Is.EqualTo(items.Where((_, i) => i % 2 == 0 || i % 7 != 0).Select(i => i.Id)));
            Assert.That((comparison.Scores.Single().Paired, comparison.Scores.Single().Verdict, comparison.Scores.Single().Interval), Is.EqualTo(((long)both, ComparisonVerdict.Unchanged, new DeltaInterval(0, 0))));
        });
    }

    [Test]
    public void CompareExperiments_OtherDatasetsMissingExperimentsOrBadOptions_AreRefused()
    {
        var (_, _, first) = ExperimentWithItems(1);
        var other = NewExperiment(NewDataset("other").Id);
        var negative = new CompareOptions { Scores = new Dictionary<string, ScoreCompareOptions> { ["s"] = new() { MinDelta = -1 } } };
        var notANumber = new CompareOptions { Scores = new Dictionary<string, ScoreCompareOptions> { ["s"] = new() { Tolerance = double.NaN } } };

        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CompareExperiments(first.Id, other.Id), FailsWith(ErrorCode.IncompatibleExperiments));
            Assert.That(() => Store.CompareExperiments(first.Id, "nope"), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.CompareExperiments("nope", first.Id), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(() => Store.CompareExperiments(first.Id, first.Id, negative), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => Store.CompareExperiments(first.Id, first.Id, notANumber), Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(Store.CompareExperiments(first.Id, first.Id).HasRegression, Is.False, "an experiment against itself");
        });
    }

    /// <summary>
    /// Items a to e, a baseline of two repetitions; then d edited, e deleted and f added, and a candidate of one. The
    /// baseline: a passes once and fails once (0.5), b passes twice (1), c fails twice with an error, d and e give 1.
    /// The candidate: a 1 (improved), b 0 and failed (newly failing), c 1 and passed (fixed), d 0, f 1.
    /// </summary>
    private (Experiment Baseline, Experiment Candidate) HandWorkedComparison()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, "abcde".Select(c => new ItemDraft(JsonValue.Create("q" + c)) { Id = c.ToString() }));
        var baseline = NewExperiment(ds.Id, new ExperimentDefinition { Name = "b", Repetitions = 2, TaskVersion = "v1", Scorers = new Dictionary<string, string> { ["exact"] = "1" } });
        Store.UpdateItem(ds.Id, "d", new ItemPatch { Input = JsonValue.Create("changed") });
        Store.DeleteItem(ds.Id, "e");
        Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create("qf")) { Id = "f" });
        var candidate = NewExperiment(ds.Id, new ExperimentDefinition { Name = "c", TaskVersion = "v2", Scorers = new Dictionary<string, string> { ["exact"] = "2" } });
        static ResultDraft Run(string item, int repetition, double value, bool passed) =>
            new(item)
            {
                Repetition = repetition,
                Duration = TimeSpan.FromMilliseconds(100 * (repetition + value + 1)),
                Usage = new ResultUsage { InputTokens = 10, OutputTokens = repetition, Cost = 0.5m, Currency = "USD" },
                Scores = [new ScoreDraft("exact") { Value = value, Passed = passed }],
            };
        var failed = new ResultError("down");
        Store.RecordResults(baseline.Id, [Run("a", 0, 1, true), Run("a", 1, 0, false), Run("b", 0, 1, true), Run("b", 1, 1, true),
            new ResultDraft("c") { Error = failed }, new ResultDraft("c") { Repetition = 1, Error = new ResultError("late", ResultErrorKind.Timeout) }, Run("d", 0, 1, true), Run("e", 0, 1, true)]);
        Store.RecordResults(candidate.Id, [Run("a", 0, 1, true), Run("b", 0, 0, false), Run("c", 0, 1, true), Run("d", 0, 0, false), Run("f", 0, 1, true)]);
        return (baseline, candidate);
    }
}
