using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments export STORE DATASET EXP [-o FILE]</c>: writes an experiment's results as JSONL, one
/// line per result with the item's input and expected output at the pinned version, to standard output or a file.
/// </summary>
internal sealed class ExperimentsExportCommand(CliEnvironment env) : Command<ExperimentsExportCommand.Settings>
{
    /// <summary>The arguments of <c>experiments export</c>.</summary>
    internal sealed class Settings : ExperimentSettings
    {
        /// <summary>Gets the file to write, or null for standard output.</summary>
        [CommandOption("-o|--output <FILE>")]
        [Description("The JSONL file to write (default: standard output)")]
        public string? Output { get; init; }

        /// <summary>Gets whether to replace an existing file.</summary>
        [CommandOption("--force")]
        [Description("Replace the output file if it exists")]
        public bool Force { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Output is null && settings.Json)
        {
            throw CliException.Invalid("--json needs an output file (-o FILE): without one, the results are the output.");
        }

        if (settings.Output is { } target)
        {
            OutputFile.Check(env, settings, target, settings.Force);
        }

        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        if (settings.Output is null)
        {
            using var stdout = env.OpenOutput();
            ResultExport.Write(store, experiment, stdout, null, cancellationToken);
            return ExitCodes.Success;
        }

        var written = ProgressDisplay.Run(env, !settings.Json, $"Exporting results of {experiment.Name}", byBytes: false, progress =>
            DatasetTransfer.WriteFile(store, env.FullPath(settings.Output), file => ResultExport.Write(store, experiment, file, progress, cancellationToken)));
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            ExperimentOutput.Ref(json, experiment);
            json.Writer.WriteNumber("results", written);
            json.Writer.WriteString("path", env.FullPath(settings.Output));
        }
        else
        {
            env.Console.MarkupLine($"Exported {Display.Count(written)} results of {ExperimentOutput.Named(dataset, experiment)} to {Display.Escape(settings.Output)}.");
        }

        return ExitCodes.Success;
    }
}
