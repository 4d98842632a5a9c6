using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets tag delete STORE DATASET TAG</c>: removes a tag; the version it named stays.</summary>
internal sealed class TagDeleteCommand(CliEnvironment env) : Command<TagSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, TagSettings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var version = store.ResolveVersion(dataset.Id, settings.Tag);
        store.DeleteTag(dataset.Id, settings.Tag);
        return TagOutput.Print(env, settings.Json, dataset, settings.Tag, version, "deleted", $"Deleted the tag '{settings.Tag}' of {dataset.Name} (it named version {version}, which stays).");
    }
}
