using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets history STORE DATASET ITEM</c>: every revision of one item, oldest first.</summary>
internal sealed class HistoryCommand(CliEnvironment env) : Command<HistoryCommand.Settings>
{
    /// <summary>The arguments of <c>history</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the item's id or external id.</summary>
        [CommandArgument(2, "<ITEM>")]
        [Description("The item's id (a deleted item's too), or the external id of a current item")]
        public string Item { get; init; } = "";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var (itemId, history) = ItemLookup.FindHistory(store, dataset, settings.Item);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteString("itemId", itemId);
            json.Array("revisions", history, revision => json.Object(w =>
            {
                w.WriteNumber("validFrom", revision.ValidFrom);
                if (revision.ValidTo is { } to)
                {
                    w.WriteNumber("validTo", to);
                }
                else
                {
                    w.WriteNull("validTo");
                }

                w.WriteBoolean("isDelete", revision.IsDelete);
                w.WritePropertyName("item");
                json.Item(revision.Item);
            }));
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("Versions", "Change", "Input", "Expected output", "Metadata");
        for (var i = 0; i < history.Count; i++)
        {
            var revision = history[i];
            var change = revision.IsDelete ? "[red]deleted[/]" : i == 0 ? "added" : history[i - 1].IsDelete ? "restored" : "changed";
            var range = revision.ValidTo is { } end ? $"{revision.ValidFrom}–{end - 1}" : $"{revision.ValidFrom}–";
            table.AddRow(
                Display.Plain(range),
                new Markup(change),
                revision.IsDelete ? Text.Empty : Display.Preview(revision.Item.Input),
                revision.IsDelete ? Text.Empty : Display.Preview(revision.Item.ExpectedOutput, 40),
                revision.IsDelete ? Text.Empty : Display.Preview(revision.Item.Metadata, 30));
        }

        env.Console.MarkupLine($"History of item [bold]{Display.Escape(itemId)}[/] in [bold]{Display.Escape(dataset.Name)}[/] (a range 'A–B' means versions A to B; 'A–' means from A on):");
        var preview = ColumnWidth.Text(6);
        env.Console.Write(new FittedTable(table, [ColumnWidth.Natural, ColumnWidth.Natural, preview, preview, preview]));
        return ExitCodes.Success;
    }
}
