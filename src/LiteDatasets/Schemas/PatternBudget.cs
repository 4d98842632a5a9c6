using System.Diagnostics;

namespace LiteDatasets.Schemas;

/// <summary>
/// The time one call (a write, a schema change) may spend matching the regular expressions of a dataset's schemas,
/// summed over every item it checks. Each match may run for what is left of it, and never longer than
/// <see cref="BoundedPatterns.MatchTimeout"/>; once it is spent the call is refused. Only pattern matching is
/// counted: the rest of validation is never time-limited.
/// </summary>
/// <remarks>
/// Time is measured with <see cref="Stopwatch"/>, not the store's clock: the regular expression engine's own
/// timeouts are in real time, and a test's fake clock does not stop a runaway match.
/// </remarks>
internal sealed class PatternBudget
{
    /// <summary>The budget of a call when the store's options leave it out.</summary>
    public static readonly TimeSpan DefaultTotal = TimeSpan.FromSeconds(1);

    /// <summary>The name of the store option that sets the budget, for messages.</summary>
    public const string OptionName = "PatternTimeBudget";

    // The budget of the call whose schema check runs on this thread (evaluation is synchronous).
    [ThreadStatic]
    private static PatternBudget? t_current;

    private readonly long _totalTicks;
    private long _spentTicks;

    /// <summary>Creates the budget of one call.</summary>
    /// <param name="total">The time allowed, or <see cref="Timeout.InfiniteTimeSpan"/> for no bound but the per-match one.</param>
    public PatternBudget(TimeSpan total)
    {
        Total = total;
        var ticks = total == Timeout.InfiniteTimeSpan ? double.PositiveInfinity : total.TotalSeconds * Stopwatch.Frequency;
        _totalTicks = ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }

    /// <summary>Gets the budget of the call checking a schema on this thread, if any.</summary>
    public static PatternBudget? Current => t_current;

    /// <summary>Gets the time allowed for the whole call.</summary>
    public TimeSpan Total { get; }

    /// <summary>Gets whether nothing is left.</summary>
    public bool IsSpent => Interlocked.Read(ref _spentTicks) >= _totalTicks;

    /// <summary>Makes this the budget of the schema checks on this thread until <see cref="Leave"/>; returns the one it replaces.</summary>
    public PatternBudget? Enter()
    {
        var previous = t_current;
        t_current = this;
        return previous;
    }

    /// <summary>Restores the budget <see cref="Enter"/> replaced.</summary>
    public static void Leave(PatternBudget? previous) => t_current = previous;

    /// <summary>
    /// Returns how long the next match may run, in whole milliseconds: what is left (rounded up, the regular
    /// expression engine's granularity), at most <paramref name="limitMilliseconds"/>; 0 when nothing is left.
    /// </summary>
    public int NextTimeoutMilliseconds(int limitMilliseconds)
    {
        var left = _totalTicks - Interlocked.Read(ref _spentTicks);
        if (left <= 0)
        {
            return 0;
        }

        return (int)Math.Min(Math.Ceiling(left * 1000.0 / Stopwatch.Frequency), limitMilliseconds);
    }

    /// <summary>Marks the budget spent: a match ran for all that was left of it.</summary>
    public void Exhaust() => Interlocked.Exchange(ref _spentTicks, Math.Max(Interlocked.Read(ref _spentTicks), _totalTicks));

    /// <summary>Counts the time of one match, started at <paramref name="startTimestamp"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Charge(long startTimestamp) => Interlocked.Add(ref _spentTicks, Stopwatch.GetTimestamp() - startTimestamp);
}
