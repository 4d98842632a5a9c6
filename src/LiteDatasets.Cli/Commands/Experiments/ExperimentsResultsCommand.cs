using System.ComponentModel;
using System.Globalization;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments results STORE DATASET EXP</c>: one page of an experiment's results in the order of its
/// pinned snapshot — per run the item, repetition, status, latency, scores and a preview of the output.
/// </summary>
internal sealed class ExperimentsResultsCommand(CliEnvironment env) : Command<ExperimentsResultsCommand.Settings>
{
    /// <summary>The arguments of <c>experiments results</c>.</summary>
    internal sealed class Settings : PagedExperimentSettings
    {
        /// <summary>Gets whether to list only failed runs.</summary>
        [CommandOption("--failed")]
        [Description("Only the runs that ended with an error")]
        public bool Failed { get; init; }

        /// <summary>Gets the score threshold.</summary>
        [CommandOption("--score-below <NAME=VALUE>")]
        [Description("Only the runs whose score NAME (case-sensitive) has a value below VALUE")]
        public string? ScoreBelow { get; init; }

        /// <summary>Gets the items.</summary>
        [CommandOption("--item <ID>")]
        [Description("Only the runs of this item (its id or external id); repeatable")]
        public string[] Items { get; init; } = [];
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        var query = new ResultQuery
        {
            PageSize = settings.PageSize,
            After = settings.After,
            FailedOnly = settings.Failed,
            ScoreBelow = Threshold(settings.ScoreBelow),
            ItemIds = settings.Items.Length == 0 ? null : settings.Items.Select(i => ItemLookup.Find(store, dataset, i, experiment.DatasetVersion).Id).ToList(),
        };
        var filtered = query.FailedOnly || query.ScoreBelow is not null || query.ItemIds is not null;
        var page = store.ListResults(experiment.Id, query);

        // One read per item of the page (at most a page of them), for its external id at the pinned version.
        var externalIds = page.Items.Select(r => r.ItemId).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => store.GetItem(dataset.Id, id, experiment.DatasetVersion)?.ExternalId, StringComparer.Ordinal);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            ExperimentOutput.Ref(json, experiment);
            json.Writer.WriteNumber("total", page.Total);
            json.Writer.WriteString("nextCursor", page.NextCursor);
            json.Array("results", page.Items, r => ResultJson.Write(json.Writer, r, externalIds[r.ItemId], null));
            return ExitCodes.Success;
        }

        var name = ExperimentOutput.Named(dataset, experiment);
        if (page.Total == 0)
        {
            env.Console.MarkupLine($"No results recorded yet in {name}.");
            return ExitCodes.Success;
        }

        if (page.Items.Count > 0)
        {
            env.Console.Write(Table(page.Items, externalIds, settings.FullIds));
        }

        env.Console.MarkupLine(filtered
            ? $"{Display.Count(page.Items.Count)} matching results on this page, of {Display.Count(page.Total)} results of {name}."
            : $"{Display.Count(page.Items.Count)} of {Display.Count(page.Total)} results of {name}.");
        if (page.NextCursor is not null)
        {
            env.Console.MarkupLine($"Next page: --after {Display.Escape(page.NextCursor)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads <c>--score-below NAME=VALUE</c>.</summary>
    private static ScoreThreshold? Threshold(string? option)
    {
        if (option is null)
        {
            return null;
        }

        var equals = option.LastIndexOf('=');
        return equals > 0 && double.TryParse(option[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? new ScoreThreshold(option[..equals], value)
            : throw CliException.Invalid($"--score-below takes NAME=VALUE with a number, such as exact=0.5; '{option}' is not one.");
    }

    /// <summary>Gets a table of results, one line each: the item by external id when it has one.</summary>
    private static FittedTable Table(IReadOnlyList<ExperimentResult> results, Dictionary<string, string?> externalIds, bool fullIds)
    {
        var table = new Table().AddColumns("Item", "Rep", "Status", "Latency", "Scores", "Output");
        table.Columns[1].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var r in results)
        {
            table.AddRow(
                Display.Id(externalIds[r.ItemId] ?? r.ItemId, fullIds),
                new Text(Display.Count(r.Repetition)),
                r.Error is { } error ? new Markup($"[red]{ResultJson.Kind(error.Kind)} error[/]") : new Text("ok"),
                r.Duration is { } duration ? new Text(Display.Duration(duration)) : Display.Absent,
                r.Scores.Count == 0 ? Display.Absent : Display.Plain(Display.Cut(Scores(r.Scores), 40)),
                r.Output is null && r.Error is { } failed ? Display.Plain(Display.Cut(failed.Message, 60)) : Display.Preview(r.Output));
        }

        return new FittedTable(table, [Display.IdWidth(fullIds), ColumnWidth.Natural, ColumnWidth.Natural, ColumnWidth.Natural, ColumnWidth.Text(8), ColumnWidth.Text(6)]);
    }

    /// <summary>Gets a latency for people: milliseconds below a second, else seconds.</summary>
    /// <summary>Gets scores compactly: <c>name=value</c>, else pass or fail, else the label, else "error".</summary>
    private static string Scores(IReadOnlyList<ResultScore> scores) => string.Join(", ", scores.Select(s =>
        s.Name + "=" + (s.Value is { } value ? value.ToString("0.###", CultureInfo.InvariantCulture)
            : s.Passed is { } passed ? (passed ? "pass" : "fail")
            : s.Label ?? (s.Error is null ? "-" : "error"))));
}
