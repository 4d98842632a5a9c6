using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets backup STORE TARGET</c>: writes a consistent copy of a store file into another file.</summary>
internal sealed class BackupCommand(CliEnvironment env) : Command<BackupCommand.Settings>
{
    /// <summary>The arguments of <c>backup</c>.</summary>
    internal sealed class Settings : StoreSettings
    {
        /// <summary>Gets the file to write.</summary>
        [CommandArgument(1, "<TARGET>")]
        [Description("The file to write the copy to (an existing file is replaced once the copy is complete; never the store's own file)")]
        public string Target { get; init; } = "";
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.IsServer)
        {
            throw CliException.Invalid("backup copies a store file; back up a PostgreSQL store with the server's tools (pg_dump --schema " + settings.SchemaOrDefault + ").");
        }

        var target = env.FullPath(settings.Target);
        using (var store = (DatasetStore)StoreAccess.OpenForReading(env, settings))
        {
            store.Backup(target);
        }

        var size = new FileInfo(target).Length;
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteString("path", target);
            json.Writer.WriteNumber("sizeBytes", size);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine(Display.Escape($"Wrote a backup of {settings.Store} to {settings.Target} ({Display.Bytes(size)})."));
        return ExitCodes.Success;
    }
}
