using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets rename STORE DATASET NEWNAME</c>: gives a dataset another name (its id, versions and items stay).</summary>
internal sealed class RenameCommand(CliEnvironment env) : Command<RenameCommand.Settings>
{
    /// <summary>The arguments of <c>rename</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the new name.</summary>
        [CommandArgument(2, "<NEWNAME>")]
        [Description("The dataset's new name (unique in the store, ignoring case)")]
        public string NewName { get; init; } = "";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var renamed = store.UpdateDataset(dataset.Id, new DatasetUpdate { Name = settings.NewName });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteString("previousName", dataset.Name);
            json.Writer.WritePropertyName("dataset");
            json.Dataset(renamed);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine(Display.Escape($"Renamed dataset '{dataset.Name}' to '{renamed.Name}'."));
        return ExitCodes.Success;
    }
}
