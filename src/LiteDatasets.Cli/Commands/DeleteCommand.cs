using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets delete STORE DATASET ITEM...</c>: deletes items, by id or external id, as one version.</summary>
internal sealed class DeleteCommand(CliEnvironment env) : Command<DeleteCommand.Settings>
{
    /// <summary>The arguments of <c>delete</c>.</summary>
    internal sealed class Settings : ItemChangeSettings
    {
        /// <summary>Gets the items' ids or external ids.</summary>
        [CommandArgument(2, "<ITEM>")]
        [Description("An item's id, or its external id; several make one version")]
        public string[] Items { get; init; } = [];
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);

        // Every item is found before anything is deleted: an unknown one leaves the dataset as it was.
        var ids = settings.Items.Select(item => ItemLookup.Find(store, dataset, item, dataset.Version).Id).Distinct(StringComparer.Ordinal).ToList();
        var commit = store.DeleteItems(dataset.Id, ids, new WriteOptions { Message = settings.Message, ExpectedVersion = dataset.Version });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", commit.Version);
            json.Strings("deleted", commit.DeletedIds);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine($"Deleted {Display.Count(commit.Deleted)} item(s) from [bold]{Display.Escape(dataset.Name)}[/] as version {commit.Version}:");
        foreach (var id in commit.DeletedIds)
        {
            env.Console.MarkupLine("  " + Display.Escape(id));
        }

        return ExitCodes.Success;
    }
}
