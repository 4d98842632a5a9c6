using System.Globalization;

namespace LiteDatasets.Tests;

/// <summary>
/// A comparison of two experiments worked out by brute force: every result read into memory, items taken in the
/// order they were first added, content compared by the items' hashes at the two pins, and the rules applied one
/// by one as the documentation states them. Figures are summed in the same order as the store sums them.
/// </summary>
public static class ComparisonOracle
{
    /// <summary>The expected per-item list, each item described as a line.</summary>
    public static List<string> Items(IDatasetStore store, Experiment baseline, Experiment candidate, IReadOnlyList<string> order, CompareOptions options) =>
        [.. Judge(store, baseline, candidate, order, options).Select(j => Describe(j.Item))];

    /// <summary>The expected alignment counts and score comparisons, as lines.</summary>
    public static List<string> Summary(IDatasetStore store, Experiment baseline, Experiment candidate, IReadOnlyList<string> order, CompareOptions options)
    {
        var judged = Judge(store, baseline, candidate, order, options);
        var counted = judged.Where(j => j.Item.Status is not (ItemComparisonStatus.OnlyInBaseline or ItemComparisonStatus.OnlyInCandidate)
            && (options.IncludeContentChanged || j.Item.Status != ItemComparisonStatus.ContentChanged)).ToList();
        var lines = new List<string>
        {
            Line($"compared {judged.Count(j => j.Item.Status is not (ItemComparisonStatus.OnlyInBaseline or ItemComparisonStatus.OnlyInCandidate or ItemComparisonStatus.ContentChanged))}"),
            Line($"changed {judged.Count(j => j.Item.Status == ItemComparisonStatus.ContentChanged)}"),
            Line($"only-baseline {judged.Count(j => j.Item.Status == ItemComparisonStatus.OnlyInBaseline)}"),
            Line($"only-candidate {judged.Count(j => j.Item.Status == ItemComparisonStatus.OnlyInCandidate)}"),
        };
        var names = counted.SelectMany(j => j.Item.Scores.Select(s => s.Name)).Distinct().Order(StringComparer.Ordinal);
        lines.AddRange(names.Select(name => DescribeScore(ScoreOf(name, counted, OptionsOf(options, name)))));
        return lines;
    }

    /// <summary>Whether any score regressed, by the oracle.</summary>
    public static bool HasRegression(IDatasetStore store, Experiment baseline, Experiment candidate, IReadOnlyList<string> order, CompareOptions options) =>
        Summary(store, baseline, candidate, order, options).Any(l => l.EndsWith(" Regressed", StringComparison.Ordinal));

    /// <summary>Describes an item of a comparison as a line.</summary>
    public static string Describe(ItemComparison item) =>
        Line($"{item.ItemId} {item.Status} flaky={item.Flaky} runs={item.BaselineRuns}/{item.CandidateRuns} failed={item.BaselineFailed}/{item.CandidateFailed} ")
        + string.Join(" ", item.Scores.Select(s => Line($"[{s.Name} {R(s.BaselineMean)} {R(s.CandidateMean)} {R(s.Delta)} {s.BaselinePassed} {s.CandidatePassed}]")));

    /// <summary>Describes a score of a comparison as a line (the interval rounded, as it is summed another way).</summary>
    public static string DescribeScore(ScoreComparison s) =>
        Line($"{s.Name} {s.Direction} n={s.Paired} {R(s.BaselineMean)} {R(s.CandidateMean)} {R(s.Delta)} moves={s.Improved}/{s.Regressed}/{s.Unchanged} flips={s.PassedToFailed}/{s.FailedToPassed} errors={s.BaselineErrors}/{s.CandidateErrors} ")
        + (s.Interval is { } i ? Line($"ci=[{i.Low:F9},{i.High:F9}] ") : "ci=none ") + s.Verdict;

    private static List<(ItemComparison Item, List<ExperimentResult> Baseline, List<ExperimentResult> Candidate)> Judge(
        IDatasetStore store, Experiment baseline, Experiment candidate, IReadOnlyList<string> order, CompareOptions options)
    {
        var b = store.ReadResults(baseline.Id).ToLookup(r => r.ItemId);
        var c = store.ReadResults(candidate.Id).ToLookup(r => r.ItemId);
        var judged = new List<(ItemComparison, List<ExperimentResult>, List<ExperimentResult>)>();
        foreach (var id in order)
        {
            var (bl, cl) = (b[id].OrderBy(r => r.Repetition).ToList(), c[id].OrderBy(r => r.Repetition).ToList());
            if (bl.Count + cl.Count == 0)
            {
                continue;
            }

            var changed = bl.Count > 0 && cl.Count > 0 && HashAt(store, baseline, id) != HashAt(store, candidate, id);
            var names = bl.Concat(cl).SelectMany(r => r.Scores).Select(s => s.Name).Distinct().Order(StringComparer.Ordinal);
            var scores = names.Select(n => new ItemScoreComparison(n, Mean(bl, n), Mean(cl, n), Mean(cl, n) - Mean(bl, n), Verdict(bl, n), Verdict(cl, n))).ToList();
            var status = bl.Count == 0 ? ItemComparisonStatus.OnlyInCandidate
                : cl.Count == 0 ? ItemComparisonStatus.OnlyInBaseline
                : changed ? ItemComparisonStatus.ContentChanged
                : Status(bl, cl, scores, options);
            var flaky = Disagree(bl) || Disagree(cl);
            judged.Add((new ItemComparison(id, status, flaky, bl.Count, cl.Count, bl.Count(r => r.Error is not null), cl.Count(r => r.Error is not null), scores), bl, cl));
        }

        return judged;
    }

    private static ItemComparisonStatus Status(List<ExperimentResult> bl, List<ExperimentResult> cl, List<ItemScoreComparison> scores, CompareOptions options)
    {
        var newlyDown = cl.TrueForAll(r => r.Error is not null) && !bl.TrueForAll(r => r.Error is not null);
        var backUp = bl.TrueForAll(r => r.Error is not null) && !cl.TrueForAll(r => r.Error is not null);
        var failFlip = newlyDown || scores.Exists(s => s.BaselinePassed == true && s.CandidatePassed == false);
        var passFlip = backUp || scores.Exists(s => s.BaselinePassed == false && s.CandidatePassed == true);
        var better = false;
        var worse = false;
        foreach (var s in scores.Where(s => s.Delta is not null))
        {
            var o = OptionsOf(options, s.Name);
            var gain = o.Direction == ScoreDirection.HigherIsBetter ? s.Delta!.Value : -s.Delta!.Value;
            better |= gain > o.MinDelta;
            worse |= gain < -o.MinDelta;
        }

        if ((failFlip || worse) && (passFlip || better))
        {
            return ItemComparisonStatus.Mixed;
        }

        return failFlip ? ItemComparisonStatus.NewlyFailing
            : worse ? ItemComparisonStatus.Regressed
            : passFlip ? ItemComparisonStatus.Fixed
            : better ? ItemComparisonStatus.Improved
            : ItemComparisonStatus.Unchanged;
    }

    private static ScoreComparison ScoreOf(string name, List<(ItemComparison Item, List<ExperimentResult> Baseline, List<ExperimentResult> Candidate)> counted, ScoreCompareOptions o)
    {
        var all = counted.Select(j => (j.Item.Scores.FirstOrDefault(s => s.Name == name), j.Baseline, j.Candidate)).Where(x => x.Item1 is not null).ToList();
        var pairs = all.Select(x => x.Item1!).Where(s => s.BaselineMean is not null && s.CandidateMean is not null).ToList();
        var gains = pairs.Select(p => o.Direction == ScoreDirection.HigherIsBetter ? p.Delta!.Value : -p.Delta!.Value).ToList();
        double? bm = pairs.Count > 0 ? pairs.Aggregate(0.0, (sum, p) => sum + p.BaselineMean!.Value) / pairs.Count : null;
        double? cm = pairs.Count > 0 ? pairs.Aggregate(0.0, (sum, p) => sum + p.CandidateMean!.Value) / pairs.Count : null;
        var delta = cm - bm;
        var gain = o.Direction == ScoreDirection.HigherIsBetter ? delta : -delta;
        var verdict = gain is null ? ComparisonVerdict.NoData : gain > o.Tolerance ? ComparisonVerdict.Improved : gain < -o.Tolerance ? ComparisonVerdict.Regressed : ComparisonVerdict.Unchanged;
        DeltaInterval? interval = null;
        if (pairs.Count >= 30)
        {
            var diffs = pairs.Select(p => p.Delta!.Value).ToList();
            var mean = diffs.Average();
            var sd = Math.Sqrt(diffs.Sum(d => (d - mean) * (d - mean)) / (diffs.Count - 1));
            var half = 1.959963984540054 * sd / Math.Sqrt(diffs.Count);
            interval = new DeltaInterval(delta!.Value - half, delta.Value + half);
        }

        return new ScoreComparison(
            name, o.Direction, pairs.Count, bm, cm, delta,
            gains.Count(g => g > o.MinDelta), gains.Count(g => g < -o.MinDelta), gains.Count(g => g >= -o.MinDelta && g <= o.MinDelta),
            all.Count(x => x.Item1!.BaselinePassed == true && x.Item1.CandidatePassed == false),
            all.Count(x => x.Item1!.BaselinePassed == false && x.Item1.CandidatePassed == true),
            all.Sum(x => x.Baseline.Count(r => r.Scores.Any(s => s.Name == name && s.Error is not null))),
            all.Sum(x => x.Candidate.Count(r => r.Scores.Any(s => s.Name == name && s.Error is not null))),
            interval,
            verdict);
    }

    private static ScoreCompareOptions OptionsOf(CompareOptions options, string name) =>
        options.Scores is { } named && named.TryGetValue(name, out var o) ? o : new ScoreCompareOptions();

    private static string HashAt(IDatasetStore store, Experiment experiment, string itemId) =>
        ItemHash.Of(store.GetItem(experiment.DatasetId, itemId, experiment.DatasetVersion)!);

    private static double? Mean(List<ExperimentResult> runs, string name)
    {
        var values = runs.Select(r => r.Scores.FirstOrDefault(s => s.Name == name)?.Value).OfType<double>().ToList();
        return values.Count == 0 ? null : values.Aggregate(0.0, (sum, v) => sum + v) / values.Count;
    }

    private static bool? Verdict(List<ExperimentResult> runs, string name)
    {
        var verdicts = runs.Select(r => r.Scores.FirstOrDefault(s => s.Name == name)?.Passed).OfType<bool>().ToList();
        return verdicts.Count == 0 ? null : verdicts.Count(v => v) >= verdicts.Count(v => !v);
    }

    private static bool Disagree(List<ExperimentResult> runs) =>
        (runs.Exists(r => r.Error is null) && runs.Exists(r => r.Error is not null))
        || runs.SelectMany(r => r.Scores).Where(s => s.Passed is not null).GroupBy(s => s.Name).Any(g => g.Any(s => s.Passed == true) && g.Any(s => s.Passed == false));

    private static string R(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
