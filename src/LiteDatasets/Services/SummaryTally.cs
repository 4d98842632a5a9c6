namespace LiteDatasets.Services;

/// <summary>
/// Adds up an experiment's results into an <see cref="ExperimentSummary"/>, one result at a time. It holds one tally
/// per score name and the durations (for the percentiles), nothing else of the results.
/// </summary>
internal sealed class SummaryTally
{
    private readonly Dictionary<string, ScoreTally> _scores = new(StringComparer.Ordinal);
    private readonly Dictionary<ResultErrorKind, long> _errors = [];
    private readonly List<long> _durations = [];
    private readonly UsageTally _usage = new();
    private readonly UsageTally _carried = new();
    private long _recorded;
    private long _failed;

    public void Add(ExperimentResult result)
    {
        _recorded++;
        if (result.Error is { } error)
        {
            _failed++;
            _errors[error.Kind] = _errors.GetValueOrDefault(error.Kind) + 1;
        }

        if (result.Duration is { } duration)
        {
            _durations.Add(duration.Ticks);
        }

        // A carried result's cost was spent for the experiment it came from: it is kept apart, not spent again.
        (result.CarriedFrom is null ? _usage : _carried).Add(result.Usage);
        foreach (var score in result.Scores)
        {
            if (!_scores.TryGetValue(score.Name, out var tally))
            {
                _scores[score.Name] = tally = new ScoreTally(score.Name);
            }

            tally.Add(score);
        }
    }

    /// <summary>Builds the summary of the results added; <paramref name="expected"/> is the experiment's count of expected runs.</summary>
    public ExperimentSummary ToSummary(string experimentId, long expected) => new(
        experimentId,
        expected,
        _recorded,
        _recorded - _failed,
        _failed,
        Math.Max(0, expected - _recorded),
        [.. _scores.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Value.ToSummary())],
        Latency(),
        _usage.ToSummary(),
        new Dictionary<ResultErrorKind, long>(_errors)) { CarriedUsage = _carried.ToSummary() };

    private LatencySummary? Latency()
    {
        if (_durations.Count == 0)
        {
            return null;
        }

        _durations.Sort();
        var count = (long)_durations.Count;
        return new LatencySummary(count, TimeSpan.FromTicks(Percentile(50)), TimeSpan.FromTicks(Percentile(95)), TimeSpan.FromTicks(_durations[^1]));

        // Nearest rank: the ⌈p·n/100⌉-th smallest.
        long Percentile(int percent) => _durations[(int)(((percent * count) + 99) / 100) - 1];
    }
}
