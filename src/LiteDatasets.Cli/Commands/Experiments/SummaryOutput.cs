using System.Globalization;
using System.Text.Json;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using static LiteDatasets.Cli.Infrastructure.NullableJson;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>How <c>experiments show</c> prints what an experiment's results add up to (<see cref="IDatasetStore.Summarize"/>).</summary>
internal static class SummaryOutput
{
    /// <summary>Writes the summary as the member <c>summary</c>.</summary>
    public static void Json(Utf8JsonWriter w, ExperimentSummary s)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("expected", s.Expected);
        w.WriteNumber("recorded", s.Recorded);
        w.WriteNumber("succeeded", s.Succeeded);
        w.WriteNumber("failed", s.Failed);
        w.WriteNumber("missing", s.Missing);
        w.WriteStartArray("scores");
        foreach (var score in s.Scores)
        {
            w.WriteStartObject();
            w.WriteString("name", score.Name);
            w.WriteNumber("count", score.Count);
            Number(w, "mean", score.Mean);
            Number(w, "standardDeviation", score.StandardDeviation);
            Number(w, "min", score.Min);
            Number(w, "max", score.Max);
            w.WriteNumber("passed", score.Passed);
            w.WriteNumber("failed", score.Failed);
            Number(w, "passRate", score.PassRate);
            w.WriteNumber("errors", score.Errors);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (s.Latency is { } latency)
        {
            w.WriteStartObject("latency");
            w.WriteNumber("count", latency.Count);
            w.WriteNumber("p50Ms", ResultJson.Milliseconds(latency.P50));
            w.WriteNumber("p95Ms", ResultJson.Milliseconds(latency.P95));
            w.WriteNumber("maxMs", ResultJson.Milliseconds(latency.Max));
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("latency");
        }

        Usage(w, "usage", s.Usage);
        Usage(w, "cachedUsage", s.CachedUsage);
        Usage(w, "carriedUsage", s.CarriedUsage);
        w.WriteStartObject("errorsByKind");
        foreach (var (kind, count) in s.ErrorsByKind.OrderBy(e => e.Key))
        {
            w.WriteNumber(kind.ToString().ToLowerInvariant(), count);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>Prints the summary under an experiment's facts.</summary>
    public static void Text(CliEnvironment env, ExperimentSummary s)
    {
        if (s.Recorded == 0)
        {
            env.Console.MarkupLine("  no results yet");
            return;
        }

        foreach (var score in s.Scores)
        {
            var parts = new List<string>();
            if (score.Count > 0)
            {
                parts.Add(Invariant($"mean {score.Mean:0.###}") + (score.StandardDeviation is { } sd ? Invariant($" ± {sd:0.###}") : "") + Invariant($" (min {score.Min:0.###}, max {score.Max:0.###}, n={score.Count})"));
            }

            if (score.PassRate is { } rate)
            {
                parts.Add(Invariant($"passed {score.Passed} of {score.Passed + score.Failed} ({rate:P1})"));
            }

            if (score.Errors > 0)
            {
                parts.Add(Invariant($"{score.Errors} scorer error(s)"));
            }

            env.Console.MarkupLine($"  score [bold]{Display.Escape(score.Name)}[/]: {string.Join("; ", parts)}");
        }

        if (s.Latency is { } latency)
        {
            env.Console.MarkupLine($"  latency p50 {Display.Duration(latency.P50)}, p95 {Display.Duration(latency.P95)}, max {Display.Duration(latency.Max)}");
        }

        UsageLine(env, "tokens", s.Usage);

        // What results answered from a response cache report: not spent by this run, so shown apart.
        UsageLine(env, "from the cache: tokens", s.CachedUsage);

        // What results carried from an earlier experiment report: spent for that one, so shown apart too.
        UsageLine(env, "carried from the earlier experiment: tokens", s.CarriedUsage);

        if (s.ErrorsByKind.Count > 0)
        {
            env.Console.MarkupLine("  errors: " + string.Join(", ", s.ErrorsByKind.OrderBy(e => e.Key).Select(e => $"{e.Key.ToString().ToLowerInvariant()} {Display.Count(e.Value)}")));
        }
    }

    private static void UsageLine(CliEnvironment env, string label, UsageSummary usage)
    {
        if (usage.TotalTokens + usage.InputTokens + usage.OutputTokens > 0 || usage.Costs.Count > 0)
        {
            var costs = string.Join(", ", usage.Costs.Select(c => Invariant($"{c.Amount} {c.Currency ?? "(no currency)"}")));
            env.Console.MarkupLine($"  {label} {Display.Count(usage.InputTokens)} in, {Display.Count(usage.OutputTokens)} out, {Display.Count(usage.CachedInputTokens)} cached"
                + (costs.Length > 0 ? $"; cost {Display.Escape(costs)}" : ""));
        }
    }

    private static void Usage(Utf8JsonWriter w, string name, UsageSummary usage)
    {
        w.WriteStartObject(name);
        w.WriteNumber("inputTokens", usage.InputTokens);
        w.WriteNumber("outputTokens", usage.OutputTokens);
        w.WriteNumber("totalTokens", usage.TotalTokens);
        w.WriteNumber("cachedInputTokens", usage.CachedInputTokens);
        w.WriteStartArray("costs");
        foreach (var cost in usage.Costs)
        {
            w.WriteStartObject();
            w.WriteString("currency", cost.Currency);
            w.WriteNumber("amount", cost.Amount);
            w.WriteNumber("count", cost.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
