using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary><c>litedatasets experiments show STORE DATASET EXP</c>: one experiment — its pin, counters and declared versions.</summary>
internal sealed class ExperimentsShowCommand(CliEnvironment env) : Command<ExperimentSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, ExperimentSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        if (settings.Json)
        {
            ExperimentOutput.Document(env, dataset, experiment);
        }
        else
        {
            ExperimentOutput.Text(env, dataset, experiment);
        }

        return ExitCodes.Success;
    }
}
