using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// <c>litedatasets copy SOURCE TARGET DATASET</c>: copies a dataset with its whole history into another store — all of it
/// when the target lacks it, only the versions it lacks when it holds an earlier state (a push; seen from the target, a
/// pull). Histories that parted are refused with exit code 4.
/// </summary>
internal sealed class CopyCommand(CliEnvironment env) : Command<CopyCommand.Settings>
{
    /// <summary>The arguments of <c>copy</c>.</summary>
    internal sealed class Settings : JsonSettings
    {
        /// <summary>Gets the store to copy from.</summary>
        [CommandArgument(0, "<SOURCE>")]
        [Description("The store to copy from: a file, or a PostgreSQL database (as for STORE in other commands)")]
        public string Source { get; init; } = "";

        /// <summary>Gets the store to copy into.</summary>
        [CommandArgument(1, "<TARGET>")]
        [Description("The store to copy into: a file, or a PostgreSQL database")]
        public string Target { get; init; } = "";

        /// <summary>Gets the dataset.</summary>
        [CommandArgument(2, "<DATASET>")]
        [Description("The dataset's name (ignoring case) or id in the source")]
        public string Dataset { get; init; } = "";

        /// <summary>Gets the last version to copy.</summary>
        [CommandOption("--at <VERSION|TAG>")]
        [Description("Copy versions 1 to this number or tag only (a fork; default: all)")]
        public string? At { get; init; }

        /// <summary>Gets the new name.</summary>
        [CommandOption("--as <NAME>")]
        [Description("Store the copy as a new dataset with this name and a new id")]
        public string? As { get; init; }

        /// <summary>Gets whether to write nothing.</summary>
        [CommandOption("--dry-run")]
        [Description("Check everything and say what would be copied, writing nothing")]
        public bool DryRun { get; init; }

        /// <summary>Gets whether to create a missing target store.</summary>
        [CommandOption("--create")]
        [Description("Create the target store (file or schema) if it does not exist")]
        public bool Create { get; init; }

        /// <summary>Gets the source's PostgreSQL schema.</summary>
        [CommandOption("--source-schema <NAME>")]
        [Description("PostgreSQL only: the schema of the source store (default: litedatasets)")]
        public string? SourceSchema { get; init; }

        /// <summary>Gets the target's PostgreSQL schema.</summary>
        [CommandOption("--target-schema <NAME>")]
        [Description("PostgreSQL only: the schema of the target store (default: litedatasets)")]
        public string? TargetSchema { get; init; }

        /// <summary>Gets the source as the store settings of other commands.</summary>
        public DatasetSettings SourceStore => new() { Store = Source, Schema = SourceSchema, Dataset = Dataset };

        /// <summary>Gets the target as the store settings of other commands.</summary>
        public StoreSettings TargetStore => new() { Store = Target, Schema = TargetSchema };

        /// <inheritdoc/>
        public override ValidationResult Validate()
        {
            var source = SourceStore.Validate();
            return source.Successful ? TargetStore.Validate() : source;
        }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var source = StoreAccess.OpenForReading(env, settings.SourceStore);
        var dataset = StoreAccess.FindDataset(source, settings.SourceStore);
        using var target = settings.DryRun && !settings.Create
            ? StoreAccess.OpenForReading(env, settings.TargetStore)
            : StoreAccess.OpenForWriting(env, settings.TargetStore, settings.Create);
        var (version, tag) = HistoryOutput.VersionOrTag(settings.At);
        var result = DatasetHistory.Copy(source, target, dataset.Id, new HistoryCopyOptions { Version = version, Tag = tag, AsName = settings.As, DryRun = settings.DryRun }, cancellationToken);
        HistoryOutput.Write(env, settings.Json, result, $"from {settings.Source} to {settings.Target}");
        return ExitCodes.Success;
    }
}
