namespace LiteDatasets.Services;

/// <summary>
/// Sums usage (see <see cref="UsageSummary"/>): token counts, and costs per currency. Sums are held at the largest
/// value rather than overflow, so that one absurd count cannot make a summary fail.
/// </summary>
internal sealed class UsageTally
{
    private readonly Dictionary<string, (decimal Amount, long Count)> _costs = new(StringComparer.Ordinal);
    private long _input;
    private long _output;
    private long _total;
    private long _cached;
    private (decimal Amount, long Count) _noCurrency;

    public void Add(ResultUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        _input = Sum(_input, usage.InputTokens);
        _output = Sum(_output, usage.OutputTokens);
        _total = Sum(_total, usage.TotalTokens);
        _cached = Sum(_cached, usage.CachedInputTokens);
        if (usage.Cost is not { } cost)
        {
            return;
        }

        if (usage.Currency is null)
        {
            _noCurrency = Sum(_noCurrency, cost);
        }
        else
        {
            _costs[usage.Currency] = Sum(_costs.GetValueOrDefault(usage.Currency), cost);
        }
    }

    public UsageSummary ToSummary()
    {
        var costs = new List<CostTotal>(_costs.Count + 1);
        if (_noCurrency.Count > 0)
        {
            costs.Add(new CostTotal(null, _noCurrency.Amount, _noCurrency.Count));
        }

        costs.AddRange(_costs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CostTotal(c.Key, c.Value.Amount, c.Value.Count)));
        return new UsageSummary(_input, _output, _total, _cached, costs);
    }

    // Stored counts are not negative, so only the top can be crossed.
    private static long Sum(long sum, long? add) => add is not { } value ? sum : value > long.MaxValue - sum ? long.MaxValue : sum + value;

    private static (decimal Amount, long Count) Sum((decimal Amount, long Count) sum, decimal cost) =>
        (cost > decimal.MaxValue - sum.Amount ? decimal.MaxValue : sum.Amount + cost, sum.Count + 1);
}
