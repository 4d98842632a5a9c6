namespace LiteDatasets.Services;

/// <summary>
/// Adds up a comparison one judged item at a time: the alignment counts and one <see cref="ScorePairTally"/> per
/// score name. It holds nothing of the items themselves.
/// </summary>
internal sealed class ComparisonTally(Func<string, ScoreCompareOptions> options, bool includeContentChanged)
{
    private readonly Dictionary<string, ScorePairTally> _scores = new(StringComparer.Ordinal);
    private long _compared;
    private long _contentChanged;
    private long _onlyInBaseline;
    private long _onlyInCandidate;

    public void Add(AlignedItem item, ItemComparison judged)
    {
        switch (judged.Status)
        {
            case ItemComparisonStatus.OnlyInBaseline: _onlyInBaseline++; return;
            case ItemComparisonStatus.OnlyInCandidate: _onlyInCandidate++; return;
            case ItemComparisonStatus.ContentChanged: _contentChanged++; break;
            default: _compared++; break;
        }

        if (judged.Status == ItemComparisonStatus.ContentChanged && !includeContentChanged)
        {
            return;
        }

        foreach (var score in judged.Scores)
        {
            if (!_scores.TryGetValue(score.Name, out var tally))
            {
                _scores[score.Name] = tally = new ScorePairTally(score.Name, options(score.Name));
            }

            tally.Add(item, score);
        }
    }

    public ExperimentComparison ToComparison(ComparisonSide baseline, ComparisonSide candidate, IReadOnlyList<string> warnings, IEnumerable<ItemComparison> items) => new(
        baseline,
        candidate,
        warnings,
        _compared,
        _contentChanged,
        _onlyInBaseline,
        _onlyInCandidate,
        [.. _scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.ToComparison())],
        items);
}
