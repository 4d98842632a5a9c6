using System.ComponentModel;
using LiteDatasets.Cli.Demo;
using LiteDatasets.Cli.Infrastructure;
using LiteDatasets.PostgreSql;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// <c>litedatasets demo</c>: builds <c>demo.litedb</c> in the current directory from the bundled GSM8K problems
/// and walks through its versions, a diff and a snapshot read. A file the demo built before is rebuilt; any
/// other existing file is left alone unless <c>--force</c> is given, which replaces it — unless a store has it
/// open, in this or another process.
/// </summary>
internal sealed class DemoCommand(CliEnvironment env) : Command<DemoCommand.Settings>
{
    /// <summary>The arguments of <c>demo</c>.</summary>
    internal sealed class Settings : JsonSettings
    {
        /// <summary>Gets the file to create.</summary>
        [CommandOption("--path <FILE>")]
        [Description("The file to create (default: demo.litedb in the current directory)")]
        public string Path { get; init; } = "demo.litedb";

        /// <summary>Gets whether to replace an existing file.</summary>
        [CommandOption("--force")]
        [Description("Replace the file if it exists (without it, an existing file is left alone and the demo stops)")]
        public bool Force { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (PostgresConnectionString.IsPostgres(settings.Path))
        {
            throw CliException.Invalid("The demo builds a store file; --path takes a file name, not a PostgreSQL connection. Import the demo's dataset into a server with 'litedatasets export' and 'litedatasets import'.");
        }

        var path = env.FullPath(settings.Path);
        if (File.Exists(path))
        {
            if (!settings.Force && !DemoScript.IsDemoFile(path))
            {
                throw new CliException("FileExists", $"'{settings.Path}' already exists and is not a file the demo built (or it holds more than the demo's dataset), so the demo left it alone. Run 'litedatasets demo --force' to replace it, or give another file with --path.");
            }

            // Refused with FileLocked while a store, in this or another process, has the file open.
            DatasetStore.Delete(path);
        }

        using var store = DatasetStore.Open(path);
        var dataset = DemoScript.Build(store);
        var versions = store.ListVersions(dataset.Id).Items;
        var diff = store.Diff(dataset.Id, store.ResolveVersion(dataset.Id, "baseline"), store.ResolveVersion(dataset.Id, "golden"));
        if (settings.Json)
        {
            Json(path, dataset, versions, diff);
        }
        else
        {
            new DemoWalkthrough(env.Console, store, dataset, settings.Path).Print(versions, diff);
        }

        return ExitCodes.Success;
    }

    private void Json(string path, Dataset dataset, IReadOnlyList<DatasetVersion> versions, DatasetDiff diff)
    {
        using var json = JsonOutput.Begin(env);
        json.Writer.WriteString("path", path);
        json.Writer.WritePropertyName("dataset");
        json.Dataset(dataset);
        json.Array("versions", versions, json.Version);
        json.Writer.WriteStartObject("diff");
        json.Writer.WriteString("from", "baseline");
        json.Writer.WriteString("to", "golden");
        json.Writer.WriteNumber("fromVersion", diff.FromVersion);
        json.Writer.WriteNumber("toVersion", diff.ToVersion);
        json.Writer.WriteNumber("added", diff.Added.Count);
        json.Writer.WriteNumber("removed", diff.Removed.Count);
        json.Writer.WriteNumber("modified", diff.Modified.Count);
        json.Writer.WriteEndObject();
    }
}
