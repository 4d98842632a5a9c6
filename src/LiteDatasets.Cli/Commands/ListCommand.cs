using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets list STORE</c>: lists every dataset of a store.</summary>
internal sealed class ListCommand(CliEnvironment env) : Command<StoreSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
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
            env.Console.MarkupLine(Markup.Escape($"{subject} has no datasets yet. Create one with 'litedatasets create {StoreAccess.CommandLine(settings)} NAME'."));
            return ExitCodes.Success;
        }

        env.Console.Write(Table(datasets));
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

    /// <summary>Gets a table of datasets.</summary>
    internal static Table Table(IEnumerable<Dataset> datasets)
    {
        var table = new Table().AddColumns("Name", "Id", "Version", "Items", "Updated", "Description");
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var ds in datasets)
        {
            table.AddRow(Markup.Escape(ds.Name), Markup.Escape(ds.Id), Display.Count(ds.Version), Display.Count(ds.ItemCount), Display.Time(ds.UpdatedAt), Display.Text(ds.Description));
        }

        return table;
    }
}
