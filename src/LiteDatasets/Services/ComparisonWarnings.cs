using System.Globalization;

namespace LiteDatasets.Services;

/// <summary>What makes two experiments less comparable, said in words: how they were run differently.</summary>
internal static class ComparisonWarnings
{
    public static IReadOnlyList<string> Of(Experiment baseline, Experiment candidate, bool sameFilter)
    {
        var warnings = new List<string>();
        if (baseline.Repetitions != candidate.Repetitions)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"The baseline runs each item {baseline.Repetitions} time(s) and the candidate {candidate.Repetitions}: their averages are not equally steady."));
        }

        if (!sameFilter)
        {
            warnings.Add("The two experiments have different filters: items only one of them covers are counted apart.");
        }

        if (!string.Equals(baseline.TaskVersion, candidate.TaskVersion, StringComparison.Ordinal))
        {
            warnings.Add($"The task versions differ ('{baseline.TaskVersion ?? "none"}' and '{candidate.TaskVersion ?? "none"}').");
        }

        foreach (var name in baseline.Scorers.Keys.Union(candidate.Scorers.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var (before, after) = (baseline.Scorers.GetValueOrDefault(name), candidate.Scorers.GetValueOrDefault(name));
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                warnings.Add($"Score '{name}' is declared with scorer version '{before ?? "none"}' in the baseline and '{after ?? "none"}' in the candidate: its values may not be comparable.");
            }
        }

        return warnings;
    }
}
