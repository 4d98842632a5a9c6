using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets tag move STORE DATASET TAG VERSION</c>: points an existing tag at another version.</summary>
internal sealed class TagMoveCommand(CliEnvironment env) : Command<TagMoveCommand.Settings>
{
    /// <summary>The arguments of <c>tag move</c>.</summary>
    internal sealed class Settings : TagSettings
    {
        /// <summary>Gets the version or tag to point at.</summary>
        [CommandArgument(3, "<VERSION>")]
        [Description("The version number, or another tag naming it")]
        public string Version { get; init; } = "";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var version = StoreAccess.ResolveVersion(store, dataset, settings.Version);
        var before = store.ResolveVersion(dataset.Id, settings.Tag);
        store.MoveTag(dataset.Id, settings.Tag, version);
        return TagOutput.Print(env, settings.Json, dataset, settings.Tag, version, "moved", $"Moved the tag '{settings.Tag}' of {dataset.Name} from version {before} to {version}.");
    }
}
