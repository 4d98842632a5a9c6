using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets diff STORE DATASET FROM [TO]</c>: the items added, removed and modified between two versions.</summary>
internal sealed class DiffCommand(CliEnvironment env) : Command<DiffCommand.Settings>
{
    private const int ShownPerKind = 20;

    /// <summary>The arguments of <c>diff</c>.</summary>
    internal sealed class Settings : DatasetSettings
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

        Print(env.Console, dataset, diff, settings.All ? int.MaxValue : ShownPerKind);
        return ExitCodes.Success;
    }

    /// <summary>Prints a diff for people: a summary line, then a table of changes.</summary>
    internal static void Print(IAnsiConsole console, Dataset dataset, DatasetDiff diff, int shownPerKind)
    {
        console.MarkupLine(
            $"[bold]{Markup.Escape(dataset.Name)}[/] version {diff.FromVersion} → {diff.ToVersion}: " +
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
                var paths = change.ChangedPaths.Count == 0 ? "" : Markup.Escape(string.Join(", ", change.ChangedPaths));
                var key = (change.After ?? change.Before)?.ExternalId ?? change.ItemId;
                table.AddRow(mark, Markup.Escape(key), paths, Summary(change.Before, change), Summary(change.After, change));
            }

            hidden += Math.Max(0, changes.Count - shownPerKind);
        }

        console.Write(table);
        if (hidden > 0)
        {
            console.MarkupLine($"… and {Display.Count(hidden)} more (use --all, or --json).");
        }
    }

    /// <summary>Gets what a side of a change shows: the changed part for a modification, else the input.</summary>
    private static string Summary(DatasetItem? item, ItemChange change)
    {
        if (item is null)
        {
            return "[grey]-[/]";
        }

        var first = change.ChangedPaths.Count > 0 ? change.ChangedPaths[0] : "/input";
        var node = first.StartsWith("/expectedOutput", StringComparison.Ordinal) ? item.ExpectedOutput
            : first.StartsWith("/metadata", StringComparison.Ordinal) ? item.Metadata
            : item.Input;
        return Display.Preview(node, 40);
    }
}
