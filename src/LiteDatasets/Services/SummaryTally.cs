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
    private readonly UsageTally _cachedUsage = new();
    private long _recorded;
    private long _failed;

    public void Add(ExperimentResult result) => Add(result.Error, result.Duration, result.Usage, result.CacheHit, result.CarriedFrom, result.Scores);

    /// <summary>Adds a stored result from its body, whose parts are those of <see cref="ExperimentResult"/> but the output, which a summary does not read.</summary>
    public void Add(ResultBody body) => Add(body.Error, body.Duration, body.Usage, body.CacheHit, body.CarriedFrom, body.Scores);

    private void Add(ResultError? failure, TimeSpan? took, ResultUsage? usage, bool? cacheHit, string? carriedFrom, IReadOnlyList<ResultScore> scores)
    {
        _recorded++;
        if (failure is { } error)
        {
            _failed++;
            _errors[error.Kind] = _errors.GetValueOrDefault(error.Kind) + 1;
        }

        if (took is { } duration)
        {
            _durations.Add(duration.Ticks);
        }

        // Usage served from a response cache was not spent by this run, nor that of a result carried from an earlier
        // experiment (spent for that one): both are kept apart.
        (carriedFrom is not null ? _carried : cacheHit == true ? _cachedUsage : _usage).Add(usage);
        foreach (var score in scores)
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
        new Dictionary<ResultErrorKind, long>(_errors))
    {
        CachedUsage = _cachedUsage.ToSummary(),
        CarriedUsage = _carried.ToSummary(),
    };

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
