namespace LiteDatasets;

/// <summary>
/// Usage summed over results (see <see cref="ResultUsage"/>): each count is the sum of the results that give it (an
/// unknown count adds nothing), held at <see cref="long.MaxValue"/> should it overflow; costs are summed per currency.
/// </summary>
/// <param name="InputTokens">The input tokens.</param>
/// <param name="OutputTokens">The output tokens.</param>
/// <param name="TotalTokens">The tokens in all, as the providers reported them.</param>
/// <param name="CachedInputTokens">The input tokens served from a prompt cache.</param>
/// <param name="Costs">
/// The cost per currency: the costs given without a currency first (as <see langword="null"/>), then by currency in
/// ordinal order; empty when no result gives a cost.
/// </param>
public sealed record UsageSummary(long InputTokens, long OutputTokens, long TotalTokens, long CachedInputTokens, IReadOnlyList<CostTotal> Costs);
