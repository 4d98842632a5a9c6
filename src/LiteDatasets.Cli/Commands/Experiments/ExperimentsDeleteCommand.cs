using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary><c>litedatasets experiments delete STORE DATASET EXP</c>: deletes one experiment (the dataset is unaffected).</summary>
internal sealed class ExperimentsDeleteCommand(CliEnvironment env) : Command<ExperimentSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ExperimentSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        store.DeleteExperiment(experiment.Id);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteString("deleted", experiment.Id);
            json.Writer.WriteNumber("sequence", experiment.Sequence);
            json.Writer.WriteString("name", experiment.Name);
        }
        else
        {
            env.Console.MarkupLine($"Deleted experiment [bold]#{experiment.Sequence} {Display.Escape(experiment.Name)}[/] of {Display.Escape(dataset.Name)}.");
        }

        return ExitCodes.Success;
    }
}
