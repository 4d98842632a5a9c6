namespace LiteDatasets.Services;

/// <summary>
/// Judges one aligned item: per score its repetitions averaged on each side, and the item's status and flakiness.
/// The rules (see <see cref="ItemComparisonStatus"/>): scores that moved past their minimum delta, verdicts that
/// flipped, and runs that all failed on one side only, are each better or worse; both kinds make the item
/// <see cref="ItemComparisonStatus.Mixed"/>, a flip alone of one kind <see cref="ItemComparisonStatus.NewlyFailing"/>
/// or <see cref="ItemComparisonStatus.Fixed"/>.
/// </summary>
internal static class ItemJudge
{
    /// <summary>How one score's move is judged: better, worse, or neither.</summary>
    public enum Move
    {
        None,
        Better,
        Worse,
    }

    public static ItemComparison Judge(AlignedItem item, Func<string, ScoreCompareOptions> options)
    {
        var scores = item.Baseline.Concat(item.Candidate).SelectMany(r => r.Scores).Select(s => s.Name)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => Score(item, name))
            .ToList();
        var flaky = Flaky(item.Baseline) || Flaky(item.Candidate);
        var failed = (item.Baseline.Count(r => r.Failed), item.Candidate.Count(r => r.Failed));
        var status = Status(item, scores, options);
        return new ItemComparison(item.ItemId, status, flaky, item.Baseline.Count, item.Candidate.Count, failed.Item1, failed.Item2, scores);
    }

    /// <summary>Judges a delta against a minimum move in a direction.</summary>
    public static Move Judge(double delta, ScoreDirection direction, double minimum)
    {
        var oriented = direction == ScoreDirection.LowerIsBetter ? -delta : delta;
        return oriented > minimum ? Move.Better : oriented < -minimum ? Move.Worse : Move.None;
    }

    private static ItemComparisonStatus Status(AlignedItem item, List<ItemScoreComparison> scores, Func<string, ScoreCompareOptions> options)
    {
        if (item.Baseline.Count == 0)
        {
            return ItemComparisonStatus.OnlyInCandidate;
        }

        if (item.Candidate.Count == 0)
        {
            return ItemComparisonStatus.OnlyInBaseline;
        }

        if (item.ContentChanged)
        {
            return ItemComparisonStatus.ContentChanged;
        }

        var (baselineDown, candidateDown) = (item.Baseline.All(r => r.Failed), item.Candidate.All(r => r.Failed));
        var failing = (candidateDown && !baselineDown) || scores.Any(s => s.BaselinePassed == true && s.CandidatePassed == false);
        var fixing = (baselineDown && !candidateDown) || scores.Any(s => s.BaselinePassed == false && s.CandidatePassed == true);
        var moves = scores.Where(s => s.Delta is not null)
            .Select(s => (s, o: options(s.Name)))
            .Select(x => Judge(x.s.Delta!.Value, x.o.Direction, x.o.MinDelta)).ToList();
        var worse = failing || moves.Contains(Move.Worse);
        var better = fixing || moves.Contains(Move.Better);
        return (worse, better) switch
        {
            (true, true) => ItemComparisonStatus.Mixed,
            (true, false) => failing ? ItemComparisonStatus.NewlyFailing : ItemComparisonStatus.Regressed,
            (false, true) => fixing ? ItemComparisonStatus.Fixed : ItemComparisonStatus.Improved,
            _ => ItemComparisonStatus.Unchanged,
        };
    }

    private static ItemScoreComparison Score(AlignedItem item, string name)
    {
        var (baseline, candidate) = (Mean(item.Baseline, name), Mean(item.Candidate, name));
        return new ItemScoreComparison(name, baseline, candidate, candidate - baseline, Passed(item.Baseline, name), Passed(item.Candidate, name));
    }

    /// <summary>The mean of the values of a score over a side's repetitions, summed in repetition order; null without values.</summary>
    private static double? Mean(IReadOnlyList<AlignedItem.Run> runs, string name)
    {
        var (sum, count) = (0.0, 0);
        foreach (var run in runs)
        {
            if (Find(run, name)?.Value is { } value)
            {
                sum += value;
                count++;
            }
        }

        return count > 0 ? sum / count : null;
    }

    /// <summary>Whether at least half of a side's verdicts of a score pass; null without verdicts.</summary>
    private static bool? Passed(IReadOnlyList<AlignedItem.Run> runs, string name)
    {
        var verdicts = runs.Select(r => Find(r, name)?.Passed).OfType<bool>().ToList();
        return verdicts.Count > 0 ? 2 * verdicts.Count(v => v) >= verdicts.Count : null;
    }

    /// <summary>Whether a side's repetitions disagree: an error and a success, or a pass and a fail of one score.</summary>
    private static bool Flaky(IReadOnlyList<AlignedItem.Run> runs) =>
        runs.Select(r => r.Failed).Distinct().Count() > 1
        || runs.SelectMany(r => r.Scores).Where(s => s.Passed is not null).GroupBy(s => s.Name, StringComparer.Ordinal).Any(g => g.Select(s => s.Passed).Distinct().Count() > 1);

    /// <summary>A run's score by name.</summary>
    public static ResultScore? Find(AlignedItem.Run run, string name)
    {
        foreach (var score in run.Scores)
        {
            if (score.Name == name)
            {
                return score;
            }
        }

        return null;
    }
}
