using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets diff STORE DATASET FROM [TO]</c>: the items added, removed and modified between two versions.</summary>
internal sealed class DiffCommand(CliEnvironment env) : Command<DiffCommand.Settings>
{
    private const int ShownPerKind = 20;

    /// <summary>The most characters a side of a change shows.</summary>
    private const int PreviewWidth = 40;

    /// <summary>The arguments of <c>diff</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the version or tag to compare from.</summary>
        [CommandArgument(2, "<FROM>")]
        [Description("The version number or tag to compare from")]
        public string From { get; init; } = "";

        /// <summary>Gets the version or tag to compare to.</summary>
        [CommandArgument(3, "[TO]")]
        [Description("The version number or tag to compare to (default: current)")]
        public string? To { get; init; }

        /// <summary>Gets whether to list every change instead of the first ones of each kind.</summary>
        [CommandOption("--all")]
        [Description("List every change (text output shows the first 20 of each kind otherwise)")]
        public bool All { get; init; }

        /// <summary>Gets whether tables show ids whole.</summary>
        [CommandOption("--full-ids")]
        [Description("Show ids whole (tables shorten ids longer than 16 characters)")]
        public bool FullIds { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var from = StoreAccess.ResolveVersion(store, dataset, settings.From);
        var to = StoreAccess.ResolveVersion(store, dataset, settings.To);
        var diff = store.Diff(dataset.Id, from, to);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("fromVersion", diff.FromVersion);
            json.Writer.WriteNumber("toVersion", diff.ToVersion);
            foreach (var (name, changes) in new[] { ("added", diff.Added), ("removed", diff.Removed), ("modified", diff.Modified) })
            {
                json.Array(name, changes, json.Change);
            }

            return ExitCodes.Success;
        }

        Print(env.Console, dataset, diff, settings.All ? int.MaxValue : ShownPerKind, settings.FullIds);
        return ExitCodes.Success;
    }

    /// <summary>Prints a diff for people: a summary line, then a table of changes, one line each.</summary>
    internal static void Print(IAnsiConsole console, Dataset dataset, DatasetDiff diff, int shownPerKind, bool fullIds)
    {
        console.MarkupLine(
            $"[bold]{Display.Escape(dataset.Name)}[/] version {diff.FromVersion} → {diff.ToVersion}: " +
            $"[green]{Display.Count(diff.Added.Count)} added[/], [red]{Display.Count(diff.Removed.Count)} removed[/], [yellow]{Display.Count(diff.Modified.Count)} modified[/].");
        if (diff.Added.Count + diff.Removed.Count + diff.Modified.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("", "Item (key or id)", "Changed", "Before", "After");
        var hidden = 0;
        foreach (var (mark, changes) in new[] { ("[green]+[/]", diff.Added), ("[red]-[/]", diff.Removed), ("[yellow]~[/]", diff.Modified) })
        {
            foreach (var change in changes.Take(shownPerKind))
            {
                var key = (change.After ?? change.Before)?.ExternalId ?? change.ItemId;
                var (before, after) = Sides(change);
                table.AddRow(new Markup(mark), Display.Id(key, fullIds), Display.Plain(string.Join(", ", change.ChangedPaths)), before, after);
            }

            hidden += Math.Max(0, changes.Count - shownPerKind);
        }

        var text = ColumnWidth.Text(8);
        console.Write(new FittedTable(table, [ColumnWidth.Natural, Display.IdWidth(fullIds), text, text, text]));
        if (hidden > 0)
        {
            console.MarkupLine($"… and {Display.Count(hidden)} more (use --all, or --json).");
        }
    }

    /// <summary>
    /// Gets what the sides of a change show: the payload of the first changed path for a modification (both
    /// sides around their first difference when both have it), else the input.
    /// </summary>
    private static (IRenderable Before, IRenderable After) Sides(ItemChange change)
    {
        var first = change.ChangedPaths.Count > 0 ? change.ChangedPaths[0] : "/input";
        var before = Payload(change.Before, first);
        var after = Payload(change.After, first);
        if (before is null || after is null)
        {
            return (change.Before is null ? Display.Absent : Display.Preview(before, PreviewWidth), change.After is null ? Display.Absent : Display.Preview(after, PreviewWidth));
        }

        var (beforeText, afterText) = DiffWindow.Around(Display.OneLineText(before), Display.OneLineText(after), PreviewWidth);
        return (Display.Plain(beforeText), Display.Plain(afterText));
    }

    private static JsonNode? Payload(DatasetItem? item, string path) =>
        item is null ? null
        : path.StartsWith("/expectedOutput", StringComparison.Ordinal) ? item.ExpectedOutput
        : path.StartsWith("/metadata", StringComparison.Ordinal) ? item.Metadata
        : item.Input;
}
