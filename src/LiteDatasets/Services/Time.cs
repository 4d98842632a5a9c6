namespace LiteDatasets.Services;

/// <summary>Timestamps as stored: UTC milliseconds since the Unix epoch.</summary>
internal static class Time
{
    public static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    /// <summary>Reads the clock, cut to millisecond precision so that a returned value equals a later read.</summary>
    public static long Now(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeMilliseconds();
}
