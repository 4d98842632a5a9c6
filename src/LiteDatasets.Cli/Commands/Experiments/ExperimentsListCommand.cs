using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary><c>litedatasets experiments list STORE DATASET</c>: the dataset's experiments, newest first, a page at a time.</summary>
internal sealed class ExperimentsListCommand(CliEnvironment env) : Command<PagedDatasetSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, PagedDatasetSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var page = store.ListExperiments(dataset.Id, new ExperimentQuery { PageSize = settings.PageSize, After = settings.After });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("total", page.Total);
            json.Writer.WriteString("nextCursor", page.NextCursor);
            json.Array("experiments", page.Items, e => ExperimentOutput.Json(json, e));
            return ExitCodes.Success;
        }

        if (page.Total == 0)
        {
            env.Console.MarkupLine($"Dataset [bold]{Display.Escape(dataset.Name)}[/] has no experiments yet. Create one with 'litedatasets experiments create'.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("#", "Name", "Version", "Status", "Recorded", "Expected", "Created");
        foreach (var e in page.Items)
        {
            table.AddRow(
                Display.Count(e.Sequence),
                Display.Escape(e.Name),
                Display.Count(e.DatasetVersion),
                e.Status.ToString().ToLowerInvariant(),
                Display.Count(e.Recorded),
                Display.Count(e.ExpectedRuns),
                Display.Time(e.CreatedAt));
        }

        env.Console.Write(table);
        if (page.NextCursor is not null)
        {
            env.Console.MarkupLine($"{Display.Count(page.Items.Count)} of {Display.Count(page.Total)} experiments. Next page: --after {Display.Escape(page.NextCursor)}");
        }

        return ExitCodes.Success;
    }
}
