using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Compares two experiments of one dataset. Both experiments' results are read in key order, a chunk per short read,
/// and merged item by item (<see cref="AlignedItems"/>): the summary in one such pass, the per-item list in another
/// each time it is enumerated. The same pass sums up each side as <see cref="ExperimentResults.Summarize"/> does
/// (latency, tokens, cost and errors), from the same results.
/// </summary>
internal sealed class ExperimentComparer(IStorageEngine engine)
{
    public ExperimentComparison Compare(string baselineId, string candidateId, CompareOptions? options)
    {
        Guard.Name(baselineId);
        Guard.Name(candidateId);
        options ??= new CompareOptions();
        var scoreOptions = Check(options);
        var (baselineRow, baseline, candidateRow, candidate) = engine.Read(rows =>
        {
            var b = rows.FindExperiment(baselineId) ?? throw Errors.ExperimentNotFound(baselineId);
            var c = rows.FindExperiment(candidateId) ?? throw Errors.ExperimentNotFound(candidateId);
            var (bd, cd) = (rows.FindDatasetByKey(b.DatasetKey)!, rows.FindDatasetByKey(c.DatasetKey)!);
            return b.DatasetKey == c.DatasetKey
                ? (b, b.ToExperiment(bd.Id), c, c.ToExperiment(cd.Id))
                : throw Errors.ExperimentsOfOtherDatasets(baselineId, bd.Name, candidateId, cd.Name);
        });
        var sameFilter = (baselineRow.Filter ?? []).AsSpan().SequenceEqual(candidateRow.Filter ?? []);
        var warnings = ComparisonWarnings.Of(baseline, candidate, sameFilter);
        var tally = new ComparisonTally(scoreOptions, options.IncludeContentChanged);
        var (baselineSummary, candidateSummary) = (new SummaryTally(), new SummaryTally());
        foreach (var item in Align(baselineRow, candidateRow, baselineSummary, candidateSummary))
        {
            tally.Add(item, ItemJudge.Judge(item, scoreOptions));
        }

        return tally.ToComparison(
            new ComparisonSide(baseline, baselineSummary.ToSummary(baselineId, baselineRow.ExpectedRuns)),
            new ComparisonSide(candidate, candidateSummary.ToSummary(candidateId, candidateRow.ExpectedRuns)),
            warnings,
            Items(baselineRow, candidateRow, scoreOptions));
    }

    private IEnumerable<ItemComparison> Items(ExperimentRow baseline, ExperimentRow candidate, Func<string, ScoreCompareOptions> options) =>
        Align(baseline, candidate).Select(item => ItemJudge.Judge(item, options));

    private IEnumerable<AlignedItem> Align(ExperimentRow baseline, ExperimentRow candidate, SummaryTally? baselineSummary = null, SummaryTally? candidateSummary = null) =>
        AlignedItems.Merge(ResultRows.Stream(engine, baseline.Id, baseline), ResultRows.Stream(engine, candidate.Id, candidate), baselineSummary, candidateSummary);

    /// <summary>Checks the options of each score, and gives the options of a score by name (the defaults for one not named).</summary>
    private static Func<string, ScoreCompareOptions> Check(CompareOptions options)
    {
        var named = new Dictionary<string, ScoreCompareOptions>(StringComparer.Ordinal);
        foreach (var (name, score) in options.Scores ?? new Dictionary<string, ScoreCompareOptions>())
        {
            var path = $"{nameof(options)}.Scores[{name}]";
            Guard.NotNull(score, path);
            Guard.Defined(score.Direction, path + ".Direction");
            NotNegative(score.MinDelta, path + ".MinDelta");
            NotNegative(score.Tolerance, path + ".Tolerance");
            named[name] = score;
        }

        var defaults = new ScoreCompareOptions();
        return name => named.GetValueOrDefault(name, defaults);
    }

    private static void NotNegative(double value, string parameter)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(parameter, value, "A minimum delta or tolerance is a finite number, 0 or more.");
        }
    }
}
