using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments import STORE DATASET EXP FILE</c>: records results from a JSONL file in the shape
/// <c>experiments export</c> writes, so a harness in any language can feed results in. The whole file is checked
/// first; then it is recorded in commits of up to 1,000 results.
/// </summary>
internal sealed class ExperimentsImportCommand(CliEnvironment env) : Command<ExperimentsImportCommand.Settings>
{
    /// <summary>The arguments of <c>experiments import</c>.</summary>
    internal sealed class Settings : ExperimentSettings
    {
        /// <summary>Gets the file to read.</summary>
        [CommandArgument(3, "<FILE>")]
        [Description("The JSONL file of results, one per line (the shape experiments export writes)")]
        public string File { get; init; } = "";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var path = env.FullPath(settings.File);
        if (!System.IO.File.Exists(path))
        {
            throw CliException.InputNotFound(settings.File);
        }

        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        if (experiment.Status != ExperimentStatus.Running)
        {
            throw new LiteDatasetsException(ErrorCode.ExperimentClosed,
                $"Experiment #{experiment.Sequence} {experiment.Name} is {experiment.Status.ToString().ToLowerInvariant()}, so it takes no more results; nothing was recorded. Create a new experiment with 'litedatasets experiments create' to record them.");
        }

        var source = Path.GetFileName(settings.File);
        var check = ResultImportCheck.Run(store, experiment, path, source, cancellationToken);
        var import = new ResultImport(store, experiment, check);
        ProgressDisplay.Run(env, !settings.Json, $"Recording {source}", byBytes: false, progress => import.Run(path, source, progress, cancellationToken));
        var after = store.GetExperiment(experiment.Id) ?? experiment;
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            ExperimentOutput.Ref(json, after);
            json.Writer.WriteString("source", source);
            json.Writer.WriteNumber("recorded", import.Recorded);
            json.Writer.WriteNumber("experimentRecorded", after.Recorded);
            json.Writer.WriteNumber("expectedRuns", after.ExpectedRuns);
        }
        else
        {
            env.Console.MarkupLine($"Recorded {Display.Count(import.Recorded)} results from {Display.Escape(source)} into {ExperimentOutput.Named(dataset, after)}: {Display.Count(after.Recorded)} of {Display.Count(after.ExpectedRuns)} runs now recorded.");
        }

        return ExitCodes.Success;
    }
}
