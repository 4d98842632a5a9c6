using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary><c>litedatasets experiments show STORE DATASET EXP</c>: one experiment — its pin, counters and declared versions, and what its results add up to.</summary>
internal sealed class ExperimentsShowCommand(CliEnvironment env) : Command<ExperimentSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ExperimentSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        var summary = store.Summarize(experiment.Id);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WritePropertyName("experiment");
            ExperimentOutput.Json(json, experiment);
            SummaryOutput.Json(json.Writer, summary);
        }
        else
        {
            ExperimentOutput.Text(env, dataset, experiment);
            SummaryOutput.Text(env, summary);
        }

        return ExitCodes.Success;
    }
}
