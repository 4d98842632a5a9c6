using System.Globalization;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// The gates of <c>experiments compare</c>: checks of the comparison that make the command exit with
/// <see cref="Infrastructure.ExitCodes.CheckFailed"/> when they trip, for builds to stop on.
/// </summary>
internal static class CompareGates
{
    /// <summary>One gate checked: its name, whether it tripped, and why, for people.</summary>
    public sealed record Outcome(string Gate, bool Tripped, string Message);

    /// <summary>Checks the gates the options ask for, in a fixed order.</summary>
    public static List<Outcome> Check(ExperimentComparison comparison, ExperimentsCompareCommand.Settings settings)
    {
        var outcomes = new List<Outcome>();
        if (settings.FailOnRegression)
        {
            var regressed = comparison.Scores.Where(s => s.Verdict == ComparisonVerdict.Regressed).Select(s => s.Name).ToList();
            outcomes.Add(new Outcome("regression", regressed.Count > 0, regressed.Count > 0
                ? $"score(s) {string.Join(", ", regressed)} regressed beyond their tolerance"
                : "no score regressed beyond its tolerance"));
        }

        if (settings.MaxErrorRate is { } maxRate)
        {
            var rate = comparison.Candidate.ErrorRate ?? 0;
            outcomes.Add(new Outcome("max-error-rate", rate > maxRate, Invariant($"the candidate's error rate is {rate:P1}, the most allowed {maxRate:P1}")));
        }

        foreach (var (name, minimum) in Ratios(settings.MinPassRates, "--min-pass-rate"))
        {
            var rate = comparison.Candidate.Summary.Scores.FirstOrDefault(s => s.Name == name)?.PassRate;
            outcomes.Add(new Outcome("min-pass-rate", rate is null || rate < minimum, rate is { } r
                ? Invariant($"the candidate passes score '{name}' at {r:P1}, the least allowed {minimum:P1}")
                : $"the candidate has no verdicts of score '{name}', so its pass rate cannot be checked"));
        }

        return outcomes;
    }

    /// <summary>Reads <c>NAME=NUMBER</c> options; a name given twice keeps its last number.</summary>
    public static Dictionary<string, double> Numbers(IEnumerable<string> values, string option, Func<double, bool> valid, string what)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.LastIndexOf('=');
            if (equals <= 0 || !double.TryParse(value[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number) || !valid(number))
            {
                throw Infrastructure.CliException.Invalid($"{option} takes NAME=VALUE with {what}, such as exact=0.1; '{value}' is not one.");
            }

            result[value[..equals]] = number;
        }

        return result;
    }

    private static Dictionary<string, double> Ratios(IEnumerable<string> values, string option) =>
        Numbers(values, option, n => n is >= 0 and <= 1, "a number from 0 to 1");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
