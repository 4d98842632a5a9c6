using System.Diagnostics;
using System.Text.RegularExpressions;

namespace LiteDatasets.Schemas;

/// <summary>
/// A schema's regular expression whose every match runs under the budget of the call making it
/// (<see cref="PatternBudget.Current"/>): for what is left of that budget, and never longer than the per-match limit.
/// The time each match takes is charged to the budget.
/// </summary>
/// <remarks>
/// JsonSchema.Net matches the <see cref="Regex"/> objects it keeps for <c>pattern</c> and <c>patternProperties</c>,
/// and a <see cref="Regex"/> fixes its timeout when it is made; a compiled schema is shared by every call, so its
/// expressions cannot be remade per call. This stand-in plugs into <see cref="Regex"/> the way generated
/// expressions do (a runner factory whose runner scans the input) and hands each scan to the same pattern built
/// with the timeout the call has left. Those are made the first time a timeout (in whole milliseconds) is asked
/// for, and kept.
/// </remarks>
internal sealed class BudgetedRegex : Regex
{
    private readonly int _limitMilliseconds;

    // Index: the match timeout in milliseconds, 1 to the limit.
    private readonly Regex?[] _byTimeout;

    /// <summary>Creates the expression <paramref name="patternText"/> whose matches never run longer than <paramref name="limit"/>.</summary>
    public BudgetedRegex(string patternText, RegexOptions options, TimeSpan limit)
    {
        pattern = patternText;
        roptions = options;
        capsize = 1;
        factory = new Runners(this);

        // The scans this object delegates are bounded; its own runner does nothing that could run away.
        internalMatchTimeout = InfiniteMatchTimeout;
        _limitMilliseconds = (int)limit.TotalMilliseconds;
        _byTimeout = new Regex?[_limitMilliseconds + 1];
        _byTimeout[_limitMilliseconds] = new Regex(patternText, options, limit);
    }

    /// <summary>Finds the first match at or after <paramref name="start"/> under the current call's budget.</summary>
    /// <exception cref="RegexMatchTimeoutException">The match ran out of time, or the budget was already spent.</exception>
    private (int Index, int Length)? FindMatch(ReadOnlySpan<char> text, int start)
    {
        var budget = PatternBudget.Current;
        var timeout = budget?.NextTimeoutMilliseconds(_limitMilliseconds) ?? _limitMilliseconds;
        if (timeout == 0)
        {
            throw new RegexMatchTimeoutException(string.Empty, pattern!, TimeSpan.Zero);
        }

        var started = Stopwatch.GetTimestamp();
        (int, int)? found = null;
        try
        {
            foreach (var match in WithTimeout(timeout).EnumerateMatches(text, start))
            {
                found = (match.Index, match.Length);
                break;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Charged here, not in a finally: a caller's exception filter runs before finally blocks do, and it
            // must see the time spent to tell a spent budget from the per-match limit. A match cut short to what
            // was left used it all, whatever the clocks' granularity left over.
            budget?.Charge(started);
            if (timeout < _limitMilliseconds)
            {
                budget?.Exhaust();
            }

            throw;
        }

        budget?.Charge(started);
        return found;
    }

    private Regex WithTimeout(int milliseconds)
    {
        var known = Volatile.Read(ref _byTimeout[milliseconds]);
        if (known is not null)
        {
            return known;
        }

        var made = new Regex(pattern!, roptions, TimeSpan.FromMilliseconds(milliseconds));
        return Interlocked.CompareExchange(ref _byTimeout[milliseconds], made, null) ?? made;
    }

    private sealed class Runners(BudgetedRegex owner) : RegexRunnerFactory
    {
        protected override RegexRunner CreateInstance() => new Runner(owner);
    }

    /// <summary>Scans as a generated expression's runner does: records the match found (group 0 only) and where the scan ended.</summary>
    private sealed class Runner(BudgetedRegex owner) : RegexRunner
    {
        protected override void Scan(ReadOnlySpan<char> text)
        {
            if (owner.FindMatch(text, runtextpos) is { } match)
            {
                runtextpos = match.Index + match.Length;
                Capture(0, match.Index, runtextpos);
            }
            else
            {
                runtextpos = text.Length;
            }
        }
    }
}
