using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets list STORE</c>: lists every dataset of a store.</summary>
internal sealed class ListCommand(CliEnvironment env) : Command<StoreTableSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, StoreTableSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var datasets = AllDatasets(store);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Array("datasets", datasets, json.Dataset);
            return ExitCodes.Success;
        }

        if (datasets.Count == 0)
        {
            var subject = settings.IsServer ? "The store in " + StoreAccess.Describe(store, settings) : settings.Store;
            env.Console.MarkupLine(Display.Escape($"{subject} has no datasets yet. Create one with 'litedatasets create {StoreAccess.CommandLine(settings)} NAME'."));
            return ExitCodes.Success;
        }

        env.Console.Write(Table(datasets, settings.FullIds));
        return ExitCodes.Success;
    }

    /// <summary>Reads every page of datasets.</summary>
    internal static List<Dataset> AllDatasets(IDatasetStore store)
    {
        var all = new List<Dataset>();
        string? cursor = null;
        do
        {
            var page = store.ListDatasets(new DatasetQuery { PageSize = 1000, After = cursor });
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }

    /// <summary>Gets a table of datasets; only the name and description wrap.</summary>
    internal static IRenderable Table(IEnumerable<Dataset> datasets, bool fullIds)
    {
        var table = new Table().AddColumns("Name", "Id", "Version", "Items", "Updated", "Description");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();

        foreach (var ds in datasets)
        {
            table.AddRow(
                new Markup(Display.Escape(ds.Name)),
                Display.Id(ds.Id, fullIds),
                new Text(Display.Count(ds.Version)),
                new Text(Display.Count(ds.ItemCount)),
                new Text(Display.Time(ds.UpdatedAt)),
                new Markup(Display.Text(ds.Description)));
        }

        return new FittedTable(table, [ColumnWidth.Text(8), Display.IdWidth(fullIds), ColumnWidth.Natural, ColumnWidth.Natural, ColumnWidth.Date, ColumnWidth.Text(12)]);
    }
}
