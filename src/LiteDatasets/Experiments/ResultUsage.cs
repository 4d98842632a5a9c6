namespace LiteDatasets;

/// <summary>What a run used: tokens (none negative) and its cost, as the caller counted them; any part may be unknown.</summary>
public sealed record ResultUsage
{
    /// <summary>Gets the input (prompt) tokens.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Gets the output (completion) tokens.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>Gets the tokens in all, as the provider reports them.</summary>
    public long? TotalTokens { get; init; }

    /// <summary>Gets the input tokens served from the provider's prompt cache.</summary>
    public long? CachedInputTokens { get; init; }

    /// <summary>Gets the cost of the run (not negative), in <see cref="Currency"/>.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Gets the currency of <see cref="Cost"/> (such as <c>USD</c>, up to 4,096 characters).</summary>
    public string? Currency { get; init; }
}
