using System.ComponentModel;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets show STORE DATASET ITEM</c>: one item in full, now or at a version.</summary>
internal sealed class ShowCommand(CliEnvironment env) : Command<ShowCommand.Settings>
{
    /// <summary>The arguments of <c>show</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the item's id or external id.</summary>
        [CommandArgument(2, "<ITEM>")]
        [Description("The item's id, or its external id")]
        public string Item { get; init; } = "";

        /// <summary>Gets the version or tag to read.</summary>
        [CommandOption("--at <VERSION|TAG>")]
        [Description("The version number or tag to read (default: current)")]
        public string? At { get; init; }

        /// <summary>Gets whether to print the payloads as they are instead of a panel.</summary>
        [CommandOption("--raw")]
        [Description("Print each payload as it is, with no panel around it: a string as its text with real line breaks (code, long answers), anything else as indented JSON")]
        public bool Raw { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Raw && Json ? ValidationResult.Error("Give --raw (text for people) or --json (one JSON document), not both.") : base.Validate();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var version = StoreAccess.ResolveVersion(store, dataset, settings.At);
        var item = ItemLookup.Find(store, dataset, settings.Item, version);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", version);
            json.Writer.WritePropertyName("item");
            json.Item(item);
            return ExitCodes.Success;
        }

        if (settings.Raw)
        {
            PrintRaw(item, version);
            return ExitCodes.Success;
        }

        env.Console.Write(Panel(item, $"Item {item.Id} at version {version}"));
        return ExitCodes.Success;
    }

    /// <summary>
    /// Prints an item's payloads straight to standard output, each under a line naming it, so that nothing
    /// wraps or frames the text; control characters other than line breaks and tabs are still escaped.
    /// </summary>
    private void PrintRaw(DatasetItem item, long version)
    {
        var key = item.ExternalId is null ? "" : $" (external id {item.ExternalId})";
        env.Output.Write(TerminalText.Escape($"Item {item.Id}{key} at version {version}") + "\n");
        foreach (var (name, payload) in new[] { ("input", item.Input), ("expectedOutput", item.ExpectedOutput), ("metadata", (JsonNode?)item.Metadata) })
        {
            if (payload is null)
            {
                continue;
            }

            var text = TerminalText.Escape(Display.FullText(payload), keepLines: true, keepCrLf: true);
            env.Output.Write($"── {name}\n{text}");
            if (!text.EndsWith('\n'))
            {
                env.Output.Write('\n');
            }
        }

        env.Output.Flush();
    }

    /// <summary>Gets a panel with an item's content in full.</summary>
    internal static Panel Panel(DatasetItem item, string header)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Id[/]", Display.Escape(item.Id));
        grid.AddRow("[bold]External id[/]", Display.Text(item.ExternalId));
        grid.AddRow("[bold]Input[/]", Display.Full(item.Input));
        grid.AddRow("[bold]Expected output[/]", Display.Full(item.ExpectedOutput));
        grid.AddRow("[bold]Metadata[/]", Display.Full(item.Metadata));
        grid.AddRow("[bold]Content since[/]", $"version {Display.Count(item.Version)} ({Display.Time(item.UpdatedAt)})");
        grid.AddRow("[bold]First added[/]", Display.Time(item.CreatedAt));
        return new Panel(grid).Header(Display.Escape(header));
    }
}
