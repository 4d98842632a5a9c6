using System.Globalization;
using System.Text.Json;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using static LiteDatasets.Cli.Infrastructure.NullableJson;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// How <c>experiments compare</c> prints a comparison: one JSON document for scripts, tables for people. The items
/// are written as they are read, never held whole.
/// </summary>
internal static class ComparisonOutput
{
    /// <summary>Items written between two flushes of the JSON document.</summary>
    private const int FlushEvery = 1000;

    /// <summary>Prints the comparison as one JSON document (shape in docs/cli.md).</summary>
    public static void Json(CliEnvironment env, Dataset dataset, ExperimentComparison c, List<CompareGates.Outcome> gates, bool items)
    {
        using var json = JsonOutput.Begin(env);
        var w = json.Writer;
        json.DatasetRef(dataset);
        Side(json, "baseline", c.Baseline);
        Side(json, "candidate", c.Candidate);
        json.Strings("warnings", c.Warnings);
        w.WriteStartObject("alignment");
        w.WriteNumber("compared", c.Compared);
        w.WriteNumber("contentChanged", c.ContentChanged);
        w.WriteNumber("onlyInBaseline", c.OnlyInBaseline);
        w.WriteNumber("onlyInCandidate", c.OnlyInCandidate);
        w.WriteEndObject();
        json.Array("scores", c.Scores, s => Score(w, s));
        w.WriteBoolean("hasRegression", c.HasRegression);
        json.Array("gates", gates, g => json.Object(o =>
        {
            o.WriteString("gate", g.Gate);
            o.WriteBoolean("tripped", g.Tripped);
            o.WriteString("message", g.Message);
        }));
        if (items)
        {
            var written = 0;
            json.Array("items", c.Items, item =>
            {
                Item(w, item);
                if (++written % FlushEvery == 0)
                {
                    json.Flush();
                }
            });
        }
    }

    /// <summary>Prints the comparison for people: the two pins, warnings, alignment, scores, the sides' figures, items and gates.</summary>
    public static void Text(CliEnvironment env, Dataset dataset, ExperimentComparison c, List<CompareGates.Outcome> gates, bool items)
    {
        var console = env.Console;
        console.MarkupLine($"Baseline  {Pin(c.Baseline.Experiment)}");
        console.MarkupLine($"Candidate {Pin(c.Candidate.Experiment)}");
        console.MarkupLine($"Dataset   {Display.Escape(dataset.Name)}");
        foreach (var warning in c.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Display.Escape(warning)}");
        }

        console.MarkupLine($"Items: {Display.Count(c.Compared)} compared, {Display.Count(c.ContentChanged)} with content changed between the pins, "
            + $"{Display.Count(c.OnlyInBaseline)} only in the baseline, {Display.Count(c.OnlyInCandidate)} only in the candidate.");
        if (c.Scores.Count > 0)
        {
            console.Write(ScoreTable(c.Scores));
        }

        console.Write(SideTable(c.Baseline, c.Candidate));
        if (items)
        {
            ItemLines(console, c.Items);
        }

        foreach (var gate in gates)
        {
            console.MarkupLine(gate.Tripped ? $"[red]gate {gate.Gate} tripped:[/] {Display.Escape(gate.Message)}" : $"gate {gate.Gate} passed: {Display.Escape(gate.Message)}");
        }
    }

    private static void Side(JsonOutput json, string name, ComparisonSide side)
    {
        json.Writer.WriteStartObject(name);
        json.Writer.WritePropertyName("experiment");
        ExperimentOutput.Json(json, side.Experiment);
        Number(json.Writer, "errorRate", side.ErrorRate);
        SummaryOutput.Json(json.Writer, side.Summary);
        json.Writer.WriteEndObject();
    }

    private static void Score(Utf8JsonWriter w, ScoreComparison s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("direction", s.Direction == ScoreDirection.LowerIsBetter ? "lowerIsBetter" : "higherIsBetter");
        w.WriteNumber("paired", s.Paired);
        Number(w, "baselineMean", s.BaselineMean);
        Number(w, "candidateMean", s.CandidateMean);
        Number(w, "delta", s.Delta);
        w.WriteNumber("improved", s.Improved);
        w.WriteNumber("regressed", s.Regressed);
        w.WriteNumber("unchanged", s.Unchanged);
        w.WriteNumber("passedToFailed", s.PassedToFailed);
        w.WriteNumber("failedToPassed", s.FailedToPassed);
        w.WriteNumber("baselineErrors", s.BaselineErrors);
        w.WriteNumber("candidateErrors", s.CandidateErrors);
        if (s.Interval is { } interval)
        {
            w.WriteStartObject("interval");
            w.WriteNumber("low", interval.Low);
            w.WriteNumber("high", interval.High);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("interval");
        }

        w.WriteString("verdict", Name(s.Verdict.ToString()));
        w.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter w, ItemComparison item)
    {
        w.WriteStartObject();
        w.WriteString("itemId", item.ItemId);
        w.WriteString("status", Name(item.Status.ToString()));
        w.WriteBoolean("flaky", item.Flaky);
        w.WriteNumber("baselineRuns", item.BaselineRuns);
        w.WriteNumber("candidateRuns", item.CandidateRuns);
        w.WriteNumber("baselineFailed", item.BaselineFailed);
        w.WriteNumber("candidateFailed", item.CandidateFailed);
        w.WriteStartArray("scores");
        foreach (var s in item.Scores)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            Number(w, "baselineMean", s.BaselineMean);
            Number(w, "candidateMean", s.CandidateMean);
            Number(w, "delta", s.Delta);
            Boolean(w, "baselinePassed", s.BaselinePassed);
            Boolean(w, "candidatePassed", s.CandidatePassed);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static FittedTable ScoreTable(IReadOnlyList<ScoreComparison> scores)
    {
        var table = new Table().AddColumns("Score", "Better", "Pairs", "Baseline", "Candidate", "Delta", "95% interval", "Up/down/same", "Pass→fail", "Fail→pass", "Errors", "Verdict");
        foreach (var s in scores)
        {
            table.AddRow(
                Display.Plain(s.Name),
                new Text(s.Direction == ScoreDirection.LowerIsBetter ? "lower" : "higher"),
                new Text(Display.Count(s.Paired)),
                new Text(Value(s.BaselineMean)),
                new Text(Value(s.CandidateMean)),
                new Text(s.Delta is { } d ? Signed(d) : "-"),
                new Text(s.Interval is { } i ? $"{Signed(i.Low)} … {Signed(i.High)}" : "-"),
                new Text($"{Display.Count(s.Improved)}/{Display.Count(s.Regressed)}/{Display.Count(s.Unchanged)}"),
                new Text(Display.Count(s.PassedToFailed)),
                new Text(Display.Count(s.FailedToPassed)),
                new Text($"{Display.Count(s.BaselineErrors)}/{Display.Count(s.CandidateErrors)}"),
                s.Verdict == ComparisonVerdict.Regressed ? new Markup("[red]regressed[/]") : new Text(Name(s.Verdict.ToString())));
        }

        return new FittedTable(table, [.. Enumerable.Repeat(ColumnWidth.Natural, 12)]);
    }

    private static FittedTable SideTable(ComparisonSide baseline, ComparisonSide candidate)
    {
        var table = new Table().AddColumns("", "Baseline", "Candidate");
        void Row(string label, Func<ComparisonSide, string> value) => table.AddRow(new Text(label), new Text(value(baseline)), new Text(value(candidate)));
        Row("Results", s => $"{Display.Count(s.Summary.Recorded)} of {Display.Count(s.Summary.Expected)}");
        Row("Error rate", s => s.ErrorRate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "-");
        Row("Latency p50", s => s.Summary.Latency is { } l ? Display.Duration(l.P50) : "-");
        Row("Latency p95", s => s.Summary.Latency is { } l ? Display.Duration(l.P95) : "-");
        Row("Tokens in/out", s => $"{Display.Count(s.Summary.Usage.InputTokens)}/{Display.Count(s.Summary.Usage.OutputTokens)}");
        Row("Cost", s => s.Summary.Usage.Costs.Count == 0 ? "-" : string.Join(", ", s.Summary.Usage.Costs.Select(c => $"{c.Amount.ToString(CultureInfo.InvariantCulture)} {c.Currency ?? "(no currency)"}")));
        return new FittedTable(table, [ColumnWidth.Natural, ColumnWidth.Natural, ColumnWidth.Natural]);
    }

    /// <summary>Prints one line per item whose status is not unchanged, as the items are read.</summary>
    private static void ItemLines(IAnsiConsole console, IEnumerable<ItemComparison> items)
    {
        foreach (var item in items.Where(i => i.Status != ItemComparisonStatus.Unchanged))
        {
            var scores = string.Join(", ", item.Scores.Select(s => $"{s.Name} {Value(s.BaselineMean)} → {Value(s.CandidateMean)}"));
            console.MarkupLine($"  {Display.Escape(item.ItemId)}  {Name(item.Status.ToString())}{(item.Flaky ? " (flaky)" : "")}  {Display.Escape(scores)}");
        }
    }

    private static string Pin(Experiment e) =>
        $"[bold]#{e.Sequence} {Display.Escape(e.Name)}[/] at version {e.DatasetVersion} ({Display.Fingerprint(e.DatasetFingerprint)})";

    private static string Value(double? value) => value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-";

    private static string Signed(double value) => value.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);

    /// <summary>Gets a member's name as JSON and text write it: <c>newlyFailing</c>.</summary>
    private static string Name(string member) => JsonNamingPolicy.CamelCase.ConvertName(member);
}
