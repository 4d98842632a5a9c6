using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>export --history</c> and <c>import --history</c>: a dataset's whole history as a bundle file.</summary>
internal static class HistoryBundleFiles
{
    /// <summary>Refuses export options that a bundle does not take, and returns the bundle's format.</summary>
    public static TransferFormat CheckExport(ExportCommand.Settings settings)
    {
        if (settings.Search is not null || settings.Meta.Length > 0 || settings.Sample is not null || settings.Seed is not null || settings.Input.Length > 0
            || settings.Expected is not null || settings.Metadata.Length > 0 || settings.Key is not null || settings.Delimiter is not null)
        {
            throw CliException.Usage("A history bundle holds the whole dataset in its own shape: --history takes no filter, sample, mapping or delimiter.");
        }

        return ImportCommand.ParseFormat(settings.Format) is null or TransferFormat.Jsonl
            ? TransferFormat.Jsonl
            : throw CliException.Usage("A history bundle is always JSON Lines: leave out --format, or use --format jsonl.");
    }

    /// <summary>Writes the bundle to the target file, or to standard output when <paramref name="target"/> is null.</summary>
    public static int Export(CliEnvironment env, ExportCommand.Settings settings, IDatasetStore store, Dataset dataset, string? target, CancellationToken cancellation)
    {
        var (version, tag) = HistoryOutput.VersionOrTag(settings.At);
        var options = new HistoryExportOptions { Version = version, Tag = tag };
        if (target is null)
        {
            using var stdout = env.OpenOutput();
            DatasetHistory.Export(store, dataset.Id, stdout, options, cancellation);
            return ExitCodes.Success;
        }

        var result = DatasetHistory.Export(store, dataset.Id, target, options, cancellation);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("versions", result.Versions);
            json.Writer.WriteNumber("tags", result.Tags);
            json.Writer.WriteString("format", "history");
            json.Writer.WriteString("path", target);
        }
        else
        {
            env.Console.MarkupLine($"Exported the history of [bold]{Display.Escape(dataset.Name)}[/] (versions 1 to {result.Versions}, {Display.Count(result.Tags)} tags) to {Display.Escape(settings.Target)}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads a bundle file into the store.</summary>
    public static int Import(CliEnvironment env, ImportCommand.Settings settings, string? path, CancellationToken cancellation)
    {
        if (path is null)
        {
            throw CliException.Invalid("A history bundle is read twice (checked whole before anything is written), so it cannot come from standard input: give its file.");
        }

        if (settings.Input.Length > 0 || settings.Expected is not null || settings.Metadata.Length > 0 || settings.Key is not null || settings.JsonColumns.Length > 0
            || settings.KeyFromLine || settings.SetMetadata.Length > 0 || settings.Delimiter is not null || settings.Message is not null || settings.SkipBadLines || !string.Equals(settings.Mode, "append", StringComparison.OrdinalIgnoreCase)
            || ImportCommand.ParseFormat(settings.Format) is not (null or TransferFormat.Jsonl))
        {
            throw CliException.Usage("A history bundle is imported as it is: --history takes only --as, --dry-run, --create and --json.");
        }

        using var store = settings.DryRun && !settings.Create ? StoreAccess.OpenForReading(env, settings) : StoreAccess.OpenForWriting(env, settings, settings.Create);
        var result = DatasetHistory.Import(store, path, new HistoryImportOptions { Dataset = settings.Dataset, AsName = settings.As, DryRun = settings.DryRun }, cancellation);
        HistoryOutput.Write(env, settings.Json, result, $"from {settings.Source}");
        return ExitCodes.Success;
    }
}
