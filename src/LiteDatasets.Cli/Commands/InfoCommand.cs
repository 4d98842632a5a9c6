using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets info FILE</c>: the file's size and a summary of its datasets.</summary>
internal sealed class InfoCommand(CliEnvironment env) : Command<FileSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, FileSettings settings, CancellationToken cancellationToken)
    {
        var path = env.FullPath(settings.File);
        List<Dataset> datasets;
        int format;
        using (var store = StoreAccess.OpenForReading(env, settings.File))
        {
            datasets = ListCommand.AllDatasets(store);
            format = store.FormatVersion;
        }

        var size = new FileInfo(path).Length;
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteString("path", path);
            json.Writer.WriteNumber("sizeBytes", size);
            json.Writer.WriteNumber("formatVersion", format);
            json.Writer.WriteNumber("datasetCount", datasets.Count);
            json.Writer.WriteNumber("itemCount", datasets.Sum(d => d.ItemCount));
            json.Array("datasets", datasets, json.Dataset);
            return ExitCodes.Success;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("File", Markup.Escape(path));
        grid.AddRow("Size", Display.Bytes(size));
        grid.AddRow("Format", Display.Count(format));
        grid.AddRow("Datasets", Display.Count(datasets.Count));
        grid.AddRow("Live items", Display.Count(datasets.Sum(d => d.ItemCount)));
        env.Console.Write(grid);
        if (datasets.Count > 0)
        {
            env.Console.Write(ListCommand.Table(datasets));
        }

        return ExitCodes.Success;
    }
}
