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
        [Description("The file to write the copy to (never the store's own file)")]
        public string Target { get; init; } = "";

        /// <summary>Gets whether to replace an existing file.</summary>
        [CommandOption("--force")]
        [Description("Replace the target file if it exists (once the copy is complete)")]
        public bool Force { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.IsServer)
        {
            throw CliException.Invalid("backup copies a store file; back up a PostgreSQL store with the server's tools (pg_dump --schema " + settings.SchemaOrDefault + ").");
        }

        var target = env.FullPath(settings.Target);
        if (File.Exists(target) && !settings.Force)
        {
            throw CliException.FileExists(settings.Target);
        }

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
