using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets items STORE DATASET</c>: one page of the items of a version, with search and filters.</summary>
internal sealed class ItemsCommand(CliEnvironment env) : Command<ItemsCommand.Settings>
{
    /// <summary>The arguments of <c>items</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the version or tag to read.</summary>
        [CommandOption("--at <VERSION|TAG>")]
        [Description("The version number or tag to read (default: current)")]
        public string? At { get; init; }

        /// <summary>Gets the search text.</summary>
        [CommandOption("--search <TEXT>")]
        [Description("Only items whose input or expected output contains this text (ignoring case)")]
        public string? Search { get; init; }

        /// <summary>Gets the metadata filters.</summary>
        [CommandOption("--meta <KEY=VALUE>")]
        [Description("Only items whose metadata field KEY equals VALUE (JSON if it parses, else a string); repeatable")]
        public string[] Meta { get; init; } = [];

        /// <summary>Gets the external id filter.</summary>
        [CommandOption("--external-id <KEY>")]
        [Description("Only the item with this external id")]
        public string? ExternalId { get; init; }

        /// <summary>Gets the page size.</summary>
        [CommandOption("--page-size <N>")]
        [Description("Items per page, 1 to 1000 (default 20)")]
        public int PageSize { get; init; } = 20;

        /// <summary>Gets the cursor to continue after.</summary>
        [CommandOption("--after <CURSOR>")]
        [Description("Continue after a previous page (its next cursor)")]
        public string? After { get; init; }

        /// <summary>Gets the number of items to skip.</summary>
        [CommandOption("--offset <N>")]
        [Description("Skip this many matching items (instead of --after)")]
        public int? Offset { get; init; }

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
        var query = new ItemQuery
        {
            Version = settings.At is { } at && StoreAccess.IsNumber(at) ? StoreAccess.ResolveVersion(store, dataset, at) : null,
            Tag = settings.At is { } tag && !StoreAccess.IsNumber(tag) ? tag : null,
            Search = settings.Search,
            Metadata = settings.Meta.Length == 0 ? null : KeyValueOption.Parse(settings.Meta, "--meta"),
            ExternalId = settings.ExternalId,
            PageSize = settings.PageSize,
            After = settings.After,
            Offset = settings.Offset,
        };
        var page = store.ListItems(dataset.Id, query);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", page.Version);
            json.Writer.WriteNumber("total", page.Total);
            json.Writer.WriteString("nextCursor", page.NextCursor);
            json.Array("items", page.Items, json.Item);
            return ExitCodes.Success;
        }

        var first = (settings.Offset ?? 0) + 1;
        env.Console.Write(Table(page.Items, first, settings.FullIds));
        var shown = page.Items.Count == 0 ? "No items match" : $"Items {Display.Count(first)}–{Display.Count(first + page.Items.Count - 1)} of {Display.Count(page.Total)}";
        env.Console.MarkupLine($"{shown} at version {Display.Count(page.Version)} of [bold]{Display.Escape(dataset.Name)}[/].");
        if (page.NextCursor is not null)
        {
            env.Console.MarkupLine($"Next page: --after {Display.Escape(page.NextCursor)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Gets a table of items, numbered from <paramref name="first"/>, one line each.</summary>
    internal static IRenderable Table(IReadOnlyList<DatasetItem> items, long first, bool fullIds)
    {
        var table = new Table().AddColumns("#", "Id", "External id", "Input", "Expected output", "Metadata");
        table.Columns[0].RightAligned();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            table.AddRow(
                new Text(Display.Count(first + i)),
                Display.Id(item.Id, fullIds),
                Display.Id(item.ExternalId, fullIds),
                Display.Preview(item.Input),
                Display.Preview(item.ExpectedOutput, 40),
                Display.Preview(item.Metadata, 30));
        }

        var id = Display.IdWidth(fullIds);
        var preview = ColumnWidth.Text(6);
        return new FittedTable(table, [ColumnWidth.Natural, id, id, preview, preview, preview]);
    }
}
