using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets versions STORE DATASET</c>: the dataset's versions, newest first, a page at a time.</summary>
internal sealed class VersionsCommand(CliEnvironment env) : Command<PagedDatasetSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, PagedDatasetSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var page = store.ListVersions(dataset.Id, new VersionQuery { PageSize = settings.PageSize, After = settings.After });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("total", page.Total);
            json.Writer.WriteString("nextCursor", page.NextCursor);
            json.Array("versions", page.Items, json.Version);
            return ExitCodes.Success;
        }

        if (page.Total == 0)
        {
            env.Console.MarkupLine($"Dataset [bold]{Display.Escape(dataset.Name)}[/] has no versions yet (it is at version 0, empty).");
            return ExitCodes.Success;
        }

        env.Console.Write(Table(page.Items));
        if (page.NextCursor is not null)
        {
            env.Console.MarkupLine($"{Display.Count(page.Items.Count)} of {Display.Count(page.Total)} versions. Next page: --after {Display.Escape(page.NextCursor)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>Gets a table of versions, fitted to the terminal: numbers and fingerprints whole, a timestamp's time under its date when narrow, the message and tags wrapped.</summary>
    internal static IRenderable Table(IReadOnlyList<DatasetVersion> versions)
    {
        var table = new Table().AddColumns("Version", "Created", "Message", "+", "~", "-", "Items", "Tags", "Fingerprint");
        foreach (var i in new[] { 0, 3, 4, 5, 6 })
        {
            table.Columns[i].RightAligned();
        }

        foreach (var v in versions)
        {
            table.AddRow(
                new Text(Display.Count(v.Number)),
                new Text(Display.Time(v.CreatedAt)),
                new Markup(Display.Text(v.SchemaChanged ? $"{v.Message} (schema)" : v.Message)),
                new Text(Display.Count(v.Added)),
                new Text(Display.Count(v.Updated)),
                new Text(Display.Count(v.Deleted)),
                new Text(Display.Count(v.ItemCount)),
                new Markup(Display.Tags(v.Tags)),
                new Text(Display.Fingerprint(v.Fingerprint)));
        }

        var natural = ColumnWidth.Natural;
        var tags = ColumnWidth.Text(Math.Min(12, versions.SelectMany(v => v.Tags).Select(t => t.Length).DefaultIfEmpty(4).Max()));
        return new FittedTable(table, [natural, ColumnWidth.Date, ColumnWidth.Text(10), natural, natural, natural, natural, tags, natural]);
    }
}
