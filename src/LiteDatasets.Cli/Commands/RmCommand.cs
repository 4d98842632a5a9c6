using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets rm STORE DATASET</c>: deletes a dataset with its items, versions, tags and experiments.</summary>
internal sealed class RmCommand(CliEnvironment env) : Command<RmCommand.Settings>
{
    /// <summary>The arguments of <c>rm</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets whether to delete without asking.</summary>
        [CommandOption("-y|--yes")]
        [Description("Delete without asking (needed when standard input is not a terminal, and with --json)")]
        public bool Yes { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var what = $"dataset '{dataset.Name}' with its {Display.Count(dataset.ItemCount)} item(s) and {Display.Count(dataset.Version)} version(s)";
        if (!settings.Yes)
        {
            // Never deletes silently: a script (or a --json run, whose output a question would spoil) must say --yes.
            if (!env.CanAsk || settings.Json)
            {
                throw CliException.Usage($"rm would delete {what}, and asks first only at a terminal. Add --yes to delete it.");
            }

            if (!env.Confirm($"Delete {what}? This cannot be undone."))
            {
                throw new CliException("Declined", $"Nothing was deleted: dataset '{dataset.Name}' is as it was.");
            }
        }

        store.DeleteDataset(dataset.Id);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", dataset.Version);
            json.Writer.WriteNumber("itemCount", dataset.ItemCount);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine(Display.Escape($"Deleted {what}."));
        return ExitCodes.Success;
    }
}
