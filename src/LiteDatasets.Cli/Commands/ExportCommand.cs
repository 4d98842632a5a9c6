using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets export STORE DATASET TARGET</c>: writes a version in the native shape as JSONL, JSON or CSV.</summary>
internal sealed class ExportCommand(CliEnvironment env) : Command<ExportCommand.Settings>
{
    /// <summary>The arguments of <c>export</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the file to write.</summary>
        [CommandArgument(2, "<TARGET>")]
        [Description("The file to write (.jsonl, .json or .csv), or - for standard output with --format")]
        public string Target { get; init; } = "";

        /// <summary>Gets the version or tag to export.</summary>
        [CommandOption("--at <VERSION|TAG>")]
        [Description("The version number or tag to export (default: current)")]
        public string? At { get; init; }

        /// <summary>Gets the format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("jsonl, json or csv (default: from the file's extension)")]
        public string? Format { get; init; }

        /// <summary>Gets whether to replace an existing file.</summary>
        [CommandOption("--force")]
        [Description("Replace the target file if it exists")]
        public bool Force { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var toStdout = settings.Target == CliApp.StandardStream;
        var format = ImportCommand.ParseFormat(settings.Format);
        if (toStdout && (format is null || settings.Json))
        {
            throw CliException.Invalid(format is null
                ? "Name the format with --format when exporting to standard output."
                : "--json cannot be combined with exporting to standard output: the items are the output.");
        }

        var target = toStdout ? null : env.FullPath(settings.Target);
        if (target is not null && File.Exists(target) && !settings.Force)
        {
            throw new CliException("FileExists", $"The file '{settings.Target}' already exists. Add --force to replace it, or choose another name.");
        }

        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var version = StoreAccess.ResolveVersion(store, dataset, settings.At);
        var options = new ExportOptions { Format = format, Version = version };
        if (toStdout)
        {
            using var stdout = env.OpenOutput();
            DatasetTransfer.Export(store, dataset.Id, stdout, options, cancellationToken);
            return ExitCodes.Success;
        }

        var result = ProgressDisplay.Run(env, !settings.Json, $"Exporting {dataset.Name}", byBytes: false, progress =>
            DatasetTransfer.Export(store, dataset.Id, target!, options with { Progress = progress }, cancellationToken));
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", result.Version);
            json.Writer.WriteNumber("items", result.Items);
            json.Writer.WriteString("format", result.Format.ToString().ToLowerInvariant());
            json.Writer.WriteString("path", target);
        }
        else
        {
            env.Console.MarkupLine($"Exported {Display.Count(result.Items)} items of [bold]{Display.Escape(dataset.Name)}[/] version {result.Version} to {Display.Escape(settings.Target)}.");
        }

        return ExitCodes.Success;
    }
}
