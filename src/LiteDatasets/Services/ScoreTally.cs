namespace LiteDatasets.Services;

/// <summary>
/// The statistics of one score, one result at a time: the mean and variance by Welford's method (stable in one
/// pass, without holding the values), the extremes, the verdicts, the scorer's errors and its usage.
/// </summary>
internal sealed class ScoreTally(string name)
{
    private readonly UsageTally _usage = new();
    private long _count;
    private double _mean;
    private double _squares;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private long _passed;
    private long _failed;
    private long _errors;

    public void Add(ResultScore score)
    {
        if (score.Value is { } value)
        {
            _count++;
            var delta = value - _mean;
            _mean += delta / _count;
            _squares += delta * (value - _mean);
            _min = Math.Min(_min, value);
            _max = Math.Max(_max, value);
        }

        _passed += score.Passed == true ? 1 : 0;
        _failed += score.Passed == false ? 1 : 0;
        _errors += score.Error is null ? 0 : 1;
        _usage.Add(score.Usage);
    }

    public ScoreSummary ToSummary()
    {
        var verdicts = _passed + _failed;
        return new ScoreSummary(
            name,
            _count,
            _count > 0 ? _mean : null,
            _count > 1 ? Math.Sqrt(Math.Max(0, _squares) / (_count - 1)) : null,
            _count > 0 ? _min : null,
            _count > 0 ? _max : null,
            _passed,
            _failed,
            verdicts > 0 ? (double)_passed / verdicts : null,
            _errors,
            _usage.ToSummary());
    }
}
