namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>A clock that moves only when told to, so that expiry is tested without waiting.</summary>
public sealed class FakeClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
