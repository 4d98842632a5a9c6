using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets tag add STORE DATASET TAG [VERSION]</c>: names a version with a tag.</summary>
internal sealed class TagAddCommand(CliEnvironment env) : Command<TagAddCommand.Settings>
{
    /// <summary>The arguments of <c>tag add</c>.</summary>
    internal sealed class Settings : TagSettings
    {
        /// <summary>Gets the version or tag to name.</summary>
        [CommandArgument(3, "[VERSION]")]
        [Description("The version number, or a tag naming it (default: current)")]
        public string? Version { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var version = StoreAccess.ResolveVersion(store, dataset, settings.Version);
        var had = store.GetVersion(dataset.Id, version).Tags.Contains(settings.Tag, StringComparer.Ordinal);
        store.TagVersion(dataset.Id, version, settings.Tag);
        return had
            ? TagOutput.Print(env, settings.Json, dataset, settings.Tag, version, "unchanged", $"Version {version} of {dataset.Name} already has the tag '{settings.Tag}'.")
            : TagOutput.Print(env, settings.Json, dataset, settings.Tag, version, "added", $"Tagged version {version} of {dataset.Name} as '{settings.Tag}'.");
    }
}
