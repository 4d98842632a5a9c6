namespace LiteDatasets.Services;

/// <summary>
/// One score across the compared items of two experiments, one item at a time: sums of the paired item means (in
/// item order, so the means are those a plain sum gives), the paired differences' variance by Welford's method,
/// the moves and flips, and the scorer's errors.
/// </summary>
internal sealed class ScorePairTally(string name, ScoreCompareOptions options)
{
    /// <summary>The fewest paired items for which an interval is given.</summary>
    public const int MinPairedForInterval = 30;

    /// <summary>The two-sided 95 % quantile of the standard normal distribution.</summary>
    private const double Z95 = 1.959963984540054;

    private long _paired;
    private double _baselineSum;
    private double _candidateSum;
    private double _diffMean;
    private double _diffSquares;
    private long _improved;
    private long _regressed;
    private long _unchanged;
    private long _passedToFailed;
    private long _failedToPassed;
    private long _baselineErrors;
    private long _candidateErrors;

    public void Add(AlignedItem item, ItemScoreComparison score)
    {
        if (score is { BaselineMean: { } baseline, CandidateMean: { } candidate, Delta: { } delta })
        {
            _paired++;
            _baselineSum += baseline;
            _candidateSum += candidate;
            var step = delta - _diffMean;
            _diffMean += step / _paired;
            _diffSquares += step * (delta - _diffMean);
            switch (ItemJudge.Judge(delta, options.Direction, options.MinDelta))
            {
                case ItemJudge.Move.Better: _improved++; break;
                case ItemJudge.Move.Worse: _regressed++; break;
                default: _unchanged++; break;
            }
        }

        _passedToFailed += score is { BaselinePassed: true, CandidatePassed: false } ? 1 : 0;
        _failedToPassed += score is { BaselinePassed: false, CandidatePassed: true } ? 1 : 0;
        _baselineErrors += item.Baseline.Count(r => ItemJudge.Find(r, name)?.Error is not null);
        _candidateErrors += item.Candidate.Count(r => ItemJudge.Find(r, name)?.Error is not null);
    }

    public ScoreComparison ToComparison()
    {
        double? baseline = _paired > 0 ? _baselineSum / _paired : null;
        double? candidate = _paired > 0 ? _candidateSum / _paired : null;
        var delta = candidate - baseline;
        var verdict = delta is { } d
            ? ItemJudge.Judge(d, options.Direction, options.Tolerance) switch
            {
                ItemJudge.Move.Better => ComparisonVerdict.Improved,
                ItemJudge.Move.Worse => ComparisonVerdict.Regressed,
                _ => ComparisonVerdict.Unchanged,
            }
            : ComparisonVerdict.NoData;
        return new ScoreComparison(
            name, options.Direction, _paired, baseline, candidate, delta, _improved, _regressed, _unchanged,
            _passedToFailed, _failedToPassed, _baselineErrors, _candidateErrors, Interval(delta), verdict);
    }

    /// <summary>The normal approximation on the paired differences: the delta ± z·s/√n.</summary>
    private DeltaInterval? Interval(double? delta)
    {
        if (_paired < MinPairedForInterval || delta is not { } center)
        {
            return null;
        }

        var half = Z95 * Math.Sqrt(Math.Max(0, _diffSquares) / (_paired - 1)) / Math.Sqrt(_paired);
        return new DeltaInterval(center - half, center + half);
    }
}
