using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets restore STORE DATASET VERSION</c>: makes the live items equal an earlier version, as a new version.</summary>
internal sealed class RestoreCommand(CliEnvironment env) : Command<RestoreCommand.Settings>
{
    /// <summary>The arguments of <c>restore</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the version or tag to restore.</summary>
        [CommandArgument(2, "<VERSION>")]
        [Description("The version number or tag to restore")]
        public string Version { get; init; } = "";

        /// <summary>Gets the new version's message.</summary>
        [CommandOption("-m|--message <TEXT>")]
        [Description("The new version's message (default: Restored version N)")]
        public string? Message { get; init; }

        /// <summary>Gets whether to show what would change without writing.</summary>
        [CommandOption("--dry-run")]
        [Description("Show what the restore would change (a diff from the current version) and write nothing")]
        public bool DryRun { get; init; }

        /// <summary>Gets whether the dry run's table shows ids whole.</summary>
        [CommandOption("--full-ids")]
        [Description("With --dry-run: show ids whole (tables shorten ids longer than 16 characters)")]
        public bool FullIds { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = settings.DryRun ? StoreAccess.OpenForReading(env, settings) : StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var target = StoreAccess.ResolveVersion(store, dataset, settings.Version);
        if (settings.DryRun)
        {
            var preview = store.Diff(dataset.Id, dataset.Version, target);
            if (!settings.Json)
            {
                env.Console.MarkupLine("Dry run: restoring would make these changes (nothing was written).");
                DiffCommand.Print(env.Console, dataset, preview, 20, settings.FullIds);
                return ExitCodes.Success;
            }

            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("restoredVersion", target);
            json.Writer.WriteNumber("version", dataset.Version);
            json.Writer.WriteBoolean("created", false);
            json.Writer.WriteNumber("added", preview.Added.Count);
            json.Writer.WriteNumber("updated", preview.Modified.Count);
            json.Writer.WriteNumber("deleted", preview.Removed.Count);
            json.Writer.WriteBoolean("dryRun", true);
            return ExitCodes.Success;
        }

        var commit = store.RestoreVersion(dataset.Id, target, new WriteOptions { Message = settings.Message });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("restoredVersion", target);
            json.Writer.WriteNumber("version", commit.Version);
            json.Writer.WriteBoolean("created", commit.Created);
            json.Writer.WriteNumber("added", commit.Added);
            json.Writer.WriteNumber("updated", commit.Updated);
            json.Writer.WriteNumber("deleted", commit.Deleted);
            json.Writer.WriteBoolean("dryRun", false);
        }
        else if (commit.Created)
        {
            env.Console.MarkupLine(
                $"Restored version {target} of [bold]{Display.Escape(dataset.Name)}[/] as version {commit.Version}: " +
                $"{Display.Count(commit.Added)} added back, {Display.Count(commit.Updated)} changed back, {Display.Count(commit.Deleted)} removed.");
        }
        else
        {
            env.Console.MarkupLine($"[bold]{Display.Escape(dataset.Name)}[/] already equals version {target}; no version was created.");
        }

        return ExitCodes.Success;
    }
}
