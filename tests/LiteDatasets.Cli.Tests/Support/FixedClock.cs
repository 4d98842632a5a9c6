namespace LiteDatasets.Cli.Tests;

/// <summary>A clock that always reads the same time, so that dates in tables are known.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => now;
}
