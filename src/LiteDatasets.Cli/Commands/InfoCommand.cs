using LiteDatasets.Cli.Infrastructure;
using LiteDatasets.PostgreSql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// <c>litedatasets info STORE</c>: what the store is (a file with its size and format version, or a schema of a
/// PostgreSQL database with its schema version) and a summary of its datasets.
/// </summary>
internal sealed class InfoCommand(CliEnvironment env) : Command<StoreTableSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, StoreTableSettings settings, CancellationToken cancellationToken)
    {
        List<Dataset> datasets;
        int format;
        string? location = null;
        using (var store = StoreAccess.OpenForReading(env, settings))
        {
            datasets = ListCommand.AllDatasets(store);
            if (store is PostgresDatasetStore server)
            {
                format = server.SchemaVersion;
                location = server.Location;
            }
            else
            {
                format = ((DatasetStore)store).FormatVersion;
            }
        }

        if (location is not null)
        {
            PrintServer(settings, location, format, datasets);
        }
        else
        {
            PrintFile(settings, format, datasets);
        }

        return ExitCodes.Success;
    }

    private void PrintFile(StoreTableSettings settings, int format, List<Dataset> datasets)
    {
        var path = env.FullPath(settings.Store);
        var size = new FileInfo(path).Length;
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteString("path", path);
            json.Writer.WriteNumber("sizeBytes", size);
            json.Writer.WriteNumber("formatVersion", format);
            Summary(json, datasets);
            return;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Engine", "file");
        grid.AddRow("File", Display.Escape(path));
        grid.AddRow("Size", Display.Bytes(size));
        grid.AddRow("Format", Display.Count(format));
        Print(grid, datasets, settings.FullIds);
    }

    private void PrintServer(StoreTableSettings settings, string location, int schemaVersion, List<Dataset> datasets)
    {
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteString("engine", "postgresql");
            json.Writer.WriteString("location", location);
            json.Writer.WriteString("schema", settings.SchemaOrDefault);
            json.Writer.WriteNumber("schemaVersion", schemaVersion);
            Summary(json, datasets);
            return;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Engine", "PostgreSQL");
        grid.AddRow("Location", Display.Escape(location));
        grid.AddRow("Schema version", Display.Count(schemaVersion));
        Print(grid, datasets, settings.FullIds);
    }

    private static void Summary(JsonOutput json, List<Dataset> datasets)
    {
        json.Writer.WriteNumber("datasetCount", datasets.Count);
        json.Writer.WriteNumber("itemCount", datasets.Sum(d => d.ItemCount));
        json.Array("datasets", datasets, json.Dataset);
    }

    private void Print(Grid grid, List<Dataset> datasets, bool fullIds)
    {
        grid.AddRow("Datasets", Display.Count(datasets.Count));
        grid.AddRow("Live items", Display.Count(datasets.Sum(d => d.ItemCount)));
        env.Console.Write(grid);
        if (datasets.Count > 0)
        {
            env.Console.Write(ListCommand.Table(datasets, fullIds));
        }
    }
}
