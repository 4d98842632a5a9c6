namespace LiteDatasets;

/// <summary>The costs of one currency summed (see <see cref="UsageSummary.Costs"/>).</summary>
/// <param name="Currency">The currency, as recorded (case-sensitive), or <see langword="null"/> for costs given without one.</param>
/// <param name="Amount">The sum of the costs, held at <see cref="decimal.MaxValue"/> should it overflow.</param>
/// <param name="Count">How many costs were summed.</param>
public sealed record CostTotal(string? Currency, decimal Amount, long Count);
