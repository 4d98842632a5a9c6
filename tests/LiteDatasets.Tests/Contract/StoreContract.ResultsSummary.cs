namespace LiteDatasets.Tests.Contract;

/// <summary>Summaries of experiments: against figures worked out by hand, against an oracle over random results, and of nothing.</summary>
public sealed partial class StoreContract
{
    private static readonly string[] SummaryScoreNames = ["exact", "Exact", "judge"];

    private static readonly string?[] SummaryCurrencies = [null, "USD", "EUR"];

    [Test]
    public void Summarize_KnownResults_GiveTheFiguresWorkedOutByHand()
    {
        var (_, items, experiment) = ExperimentWithItems(20, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id, items.Select((item, i) => new ResultDraft(item.Id)
        {
            Duration = TimeSpan.FromSeconds(20 - i),
            Error = i switch { 0 => new ResultError("t", ResultErrorKind.Timeout), 1 or 2 => new ResultError("s", ResultErrorKind.Scorer), _ => null },
            Usage = i < 3 ? new ResultUsage { InputTokens = 10, OutputTokens = i, Cost = 0.25m, Currency = i == 0 ? null : "USD" } : null,
            Scores = i < 4 ? [new ScoreDraft("exact") { Value = i + 1, Passed = i % 2 == 0 }, new ScoreDraft("one") { Value = 7, Error = "x" }] : null,
        }));

        var summary = Store.Summarize(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That((summary.ExperimentId, summary.Expected, summary.Recorded, summary.Succeeded, summary.Failed, summary.Missing), Is.EqualTo((experiment.Id, 40L, 20L, 17L, 3L, 20L)));
            Assert.That(summary.Scores.Select(s => s.Name), Is.EqualTo(new[] { "exact", "one" }));
            var exact = summary.Scores[0];
            Assert.That((exact.Count, exact.Mean, exact.Min, exact.Max, exact.Passed, exact.Failed, exact.PassRate, exact.Errors), Is.EqualTo((4L, (double?)2.5, (double?)1, (double?)4, 2L, 2L, (double?)0.5, 0L)));
            Assert.That(exact.StandardDeviation, Is.EqualTo(Math.Sqrt(5.0 / 3)).Within(1e-12), "the sample deviation of 1, 2, 3, 4");
            var one = summary.Scores[1];
            Assert.That((one.Count, one.Mean, one.StandardDeviation, one.PassRate, one.Errors), Is.EqualTo((4L, (double?)7, (double?)0, (double?)null, 4L)));
            Assert.That(summary.Latency, Is.EqualTo(new LatencySummary(20, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20))), "nearest rank: the 10th and the 19th of 20");
            Assert.That((summary.Usage.InputTokens, summary.Usage.OutputTokens, summary.Usage.TotalTokens, summary.Usage.CachedInputTokens), Is.EqualTo((30L, 3L, 0L, 0L)));
            Assert.That(summary.Usage.Costs, Is.EqualTo(new[] { new CostTotal(null, 0.25m, 1), new CostTotal("USD", 0.50m, 2) }));
            Assert.That(summary.ErrorsByKind, Is.EquivalentTo(new Dictionary<ResultErrorKind, long> { [ResultErrorKind.Timeout] = 1, [ResultErrorKind.Scorer] = 2 }));
        });
    }

    [Test]
    public void Summarize_NoResults_CountsEveryRunMissingAndNothingElse()
    {
        var (ds, _, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });
        var empty = NewExperiment(NewDataset("empty").Id);

        var summaries = new[] { Store.Summarize(experiment.Id), Store.Summarize(empty.Id) };

        Assert.Multiple(() =>
        {
            Assert.That(summaries.Select(s => (s.Expected, s.Recorded, s.Succeeded, s.Failed, s.Missing)), Is.EqualTo(new[] { (6L, 0L, 0L, 0L, 6L), (0L, 0L, 0L, 0L, 0L) }));
            Assert.That(summaries.Select(s => (s.Scores.Count, s.Latency, s.ErrorsByKind.Count)), Is.All.EqualTo((0, (LatencySummary?)null, 0)));
            Assert.That(summaries.Select(s => (s.Usage.InputTokens, s.Usage.OutputTokens, s.Usage.TotalTokens, s.Usage.CachedInputTokens, s.Usage.Costs.Count)), Is.All.EqualTo((0L, 0L, 0L, 0L, 0)));
            Assert.That(() => Store.Summarize("nope"), FailsWith(ErrorCode.ExperimentNotFound));
            Assert.That(ds.Id, Is.Not.EqualTo(empty.DatasetId));
        });
    }

    [Test]
    public void Summarize_SumsBeyondTheirType_AreHeldAtTheLargestValue()
    {
        var (_, items, experiment) = ExperimentWithItems(2);
        var huge = new ResultUsage { InputTokens = long.MaxValue, Cost = decimal.MaxValue, Currency = "USD" };
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id) { Usage = huge, Scores = [new ScoreDraft("judge") { Usage = huge }] }));

        var summary = Store.Summarize(experiment.Id);

        Assert.That(
            new[] { summary.Usage, summary.Scores.Single().Usage }.Select(u => (u.InputTokens, u.Costs.Single())),
            Is.All.EqualTo((long.MaxValue, new CostTotal("USD", decimal.MaxValue, 2))));
    }

    [Test]
    public void Summarize_RandomResults_AgreeWithAnOracle()
    {
        var random = new Random(TestEnvironment.Seed("LITEDATASETS_SUMMARY_SEED"));
        var (_, items, experiment) = ExperimentWithItems(220, new ExperimentDefinition { Repetitions = 3 });
        var final = new Dictionary<(string, int), (ResultDraft Draft, List<ScoreDraft> Scores)>();
        for (var round = 0; round < 2; round++)
        {
            var drafts = items.SelectMany(i => Enumerable.Range(0, 3).Select(r => (i.Id, r))).Where(_ => random.NextDouble() < 0.6).Select(run => RandomDraft(random, run.Id, run.r)).ToList();
            Store.RecordResults(experiment.Id, drafts);
            drafts.ForEach(d => final[(d.ItemId, d.Repetition)] = (d, [.. d.Scores ?? []]));
        }

        foreach (var ((itemId, repetition), run) in final.Where(_ => random.NextDouble() < 0.2).ToList())
        {
            var added = RandomScores(random);
            Store.RecordScores(experiment.Id, itemId, repetition, added);
            run.Scores.RemoveAll(s => added.Any(a => a.Name == s.Name));
            run.Scores.AddRange(added);
        }

        AssertSummaryAgrees(Store.Summarize(experiment.Id), 660, [.. final.Values]);
    }

    private static ResultDraft RandomDraft(Random random, string itemId, int repetition) => new(itemId)
    {
        Repetition = repetition,
        Error = random.NextDouble() < 0.2 ? new ResultError("e", (ResultErrorKind)random.Next(1, 5)) : null,
        Duration = random.NextDouble() < 0.8 ? TimeSpan.FromTicks(random.NextInt64(0, 100_000_000)) : null,
        Usage = random.NextDouble() < 0.7 ? RandomUsage(random) : null,
        Scores = RandomScores(random),
    };

    private static List<ScoreDraft> RandomScores(Random random) =>
        [.. SummaryScoreNames.Where(_ => random.NextDouble() < 0.7).Select(name => new ScoreDraft(name)
        {
            Value = random.NextDouble() < 0.8 ? Math.Round((random.NextDouble() * 200) - 50, random.Next(0, 6)) : null,
            Passed = random.Next(3) switch { 0 => true, 1 => false, _ => null },
            Error = random.NextDouble() < 0.1 ? "scorer failed" : null,
            Usage = random.NextDouble() < 0.3 ? RandomUsage(random) : null,
        })];

    private static ResultUsage RandomUsage(Random random) => new()
    {
        InputTokens = random.NextDouble() < 0.8 ? random.Next(0, 5000) : null,
        OutputTokens = random.NextDouble() < 0.8 ? random.Next(0, 500) : null,
        TotalTokens = random.NextDouble() < 0.5 ? random.Next(0, 5500) : null,
        CachedInputTokens = random.NextDouble() < 0.3 ? random.Next(0, 1000) : null,
        Cost = random.NextDouble() < 0.7 ? random.Next(0, 100_000) / 1_000_000m : null,
        Currency = SummaryCurrencies[random.Next(SummaryCurrencies.Length)],
    };

    private static void AssertSummaryAgrees(ExperimentSummary summary, long expected, IReadOnlyList<(ResultDraft Draft, List<ScoreDraft> Scores)> runs)
    {
        var failed = runs.Count(r => r.Draft.Error is not null);
        var durations = runs.Where(r => r.Draft.Duration is not null).Select(r => r.Draft.Duration!.Value).Order().ToList();
        TimeSpan Rank(double percent) => durations[(int)Math.Ceiling(percent / 100 * durations.Count) - 1];
        Assert.Multiple(() =>
        {
            Assert.That((summary.Expected, summary.Recorded, summary.Succeeded, summary.Failed, summary.Missing), Is.EqualTo((expected, (long)runs.Count, (long)(runs.Count - failed), (long)failed, expected - runs.Count)));
            Assert.That(summary.ErrorsByKind, Is.EquivalentTo(runs.Where(r => r.Draft.Error is not null).GroupBy(r => r.Draft.Error!.Kind).ToDictionary(g => g.Key, g => g.LongCount())));
            Assert.That(summary.Latency, Is.EqualTo(new LatencySummary(durations.Count, Rank(50), Rank(95), durations[^1])));
            Assert.That(summary.Usage, Is.EqualTo(OracleUsage(runs.Select(r => r.Draft.Usage))).Using<UsageSummary>(SameUsage));
            Assert.That(summary.Scores.Select(s => s.Name), Is.EqualTo(SummaryScoreNames.Where(n => runs.Any(r => r.Scores.Any(s => s.Name == n))).Order(StringComparer.Ordinal)));
            foreach (var score in summary.Scores)
            {
                AssertScoreAgrees(score, [.. runs.SelectMany(r => r.Scores).Where(s => s.Name == score.Name)]);
            }
        });
    }

    private static void AssertScoreAgrees(ScoreSummary score, IReadOnlyList<ScoreDraft> given)
    {
        var values = given.Where(s => s.Value is not null).Select(s => s.Value!.Value).ToList();
        var mean = values.Count > 0 ? values.Average() : (double?)null;
        var deviation = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean!.Value) * (v - mean.Value)) / (values.Count - 1)) : (double?)null;
        var (passed, failedVerdicts) = (given.LongCount(s => s.Passed == true), given.LongCount(s => s.Passed == false));
        Assert.That((score.Count, score.Min, score.Max), Is.EqualTo(((long)values.Count, values.Count > 0 ? values.Min() : (double?)null, values.Count > 0 ? values.Max() : (double?)null)), score.Name);
        Assert.That(score.Mean, mean is null ? Is.Null : Is.EqualTo(mean.Value).Within(1e-9), score.Name);
        Assert.That(score.StandardDeviation, deviation is null ? Is.Null : Is.EqualTo(deviation.Value).Within(1e-9), score.Name);
        Assert.That((score.Passed, score.Failed, score.Errors), Is.EqualTo((passed, failedVerdicts, given.LongCount(s => s.Error is not null))), score.Name);
        Assert.That(score.PassRate, passed + failedVerdicts == 0 ? Is.Null : Is.EqualTo((double)passed / (passed + failedVerdicts)), score.Name);
        Assert.That(score.Usage, Is.EqualTo(OracleUsage(given.Select(s => s.Usage))).Using<UsageSummary>(SameUsage), score.Name);
    }

    private static UsageSummary OracleUsage(IEnumerable<ResultUsage?> given)
    {
        var usages = given.OfType<ResultUsage>().ToList();
        var costs = usages.Where(u => u.Cost is not null).GroupBy(u => u.Currency ?? "")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CostTotal(g.First().Currency, g.Sum(u => u.Cost!.Value), g.LongCount()));
        return new UsageSummary(
            usages.Sum(u => u.InputTokens ?? 0), usages.Sum(u => u.OutputTokens ?? 0), usages.Sum(u => u.TotalTokens ?? 0), usages.Sum(u => u.CachedInputTokens ?? 0), [.. costs]);
    }

    private static bool SameUsage(UsageSummary a, UsageSummary b) => (a with { Costs = [] }) == (b with { Costs = [] }) && a.Costs.SequenceEqual(b.Costs);
}
