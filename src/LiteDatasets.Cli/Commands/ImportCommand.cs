using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets import STORE DATASET SOURCE</c>: imports a JSONL, JSON or CSV file as one version.</summary>
internal sealed class ImportCommand(CliEnvironment env) : Command<ImportCommand.Settings>
{
    /// <summary>The arguments of <c>import</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the file to import.</summary>
        [CommandArgument(2, "<SOURCE>")]
        [Description("The file to import (.jsonl, .json or .csv), or - for standard input with --format")]
        public string Source { get; init; } = "";

        /// <summary>Gets the format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("jsonl, json or csv (default: from the file's extension)")]
        public string? Format { get; init; }

        /// <summary>Gets the input fields.</summary>
        [CommandOption("--input <FIELD>")]
        [Description("The field that holds the input; repeat it to make the input an object of several fields. Without it, records have the native shape {id, externalId, input, expectedOutput, metadata}")]
        public string[] Input { get; init; } = [];

        /// <summary>Gets the expected-output field.</summary>
        [CommandOption("--expected <FIELD>")]
        [Description("The field that holds the expected output")]
        public string? Expected { get; init; }

        /// <summary>Gets the metadata fields.</summary>
        [CommandOption("--metadata <FIELD>")]
        [Description("A field to keep in the item's metadata; repeatable")]
        public string[] Metadata { get; init; } = [];

        /// <summary>Gets the key field.</summary>
        [CommandOption("--key <FIELD>")]
        [Description("The field that holds each record's unique key (stored as its external id; needed for upsert and sync)")]
        public string? Key { get; init; }

        /// <summary>Gets the CSV columns holding JSON.</summary>
        [CommandOption("--json-column <COLUMN>")]
        [Description("A CSV column whose cells are JSON (cells are strings otherwise; the native columns named NAME:json always are); repeatable")]
        public string[] JsonColumns { get; init; } = [];

        /// <summary>Gets the import mode.</summary>
        [CommandOption("--mode <MODE>")]
        [Description("append (add every record, the default), upsert (add or update by key) or sync (also delete items not in the file)")]
        public string Mode { get; init; } = "append";

        /// <summary>Gets the version message.</summary>
        [CommandOption("-m|--message <TEXT>")]
        [Description("The new version's message (default: Imported <file name>)")]
        public string? Message { get; init; }

        /// <summary>Gets whether to skip bad lines.</summary>
        [CommandOption("--skip-bad-lines")]
        [Description("Skip malformed records and report each, instead of stopping at the first")]
        public bool SkipBadLines { get; init; }

        /// <summary>Gets whether the file is a history bundle.</summary>
        [CommandOption("--history")]
        [Description("The file is a history bundle (from export --history): add the dataset with its whole history, or the versions the store lacks")]
        public bool History { get; init; }

        /// <summary>Gets the new name of a history's dataset.</summary>
        [CommandOption("--as <NAME>")]
        [Description("With --history: store the dataset as a new one with this name and a new id")]
        public string? As { get; init; }

        /// <summary>Gets whether to write nothing.</summary>
        [CommandOption("--dry-run")]
        [Description("With --history: check the bundle and say what would be imported, writing nothing")]
        public bool DryRun { get; init; }

        /// <summary>Gets whether to create the dataset (and store) if missing.</summary>
        [CommandOption("--create")]
        [Description("Create the dataset, and the store (file or schema), if they do not exist")]
        public bool Create { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var fromStdin = settings.Source == CliApp.StandardStream;
        var sourcePath = fromStdin ? null : env.FullPath(settings.Source);
        if (sourcePath is not null && !File.Exists(sourcePath))
        {
            throw CliException.InputNotFound(settings.Source);
        }

        if (settings.History)
        {
            return HistoryBundleFiles.Import(env, settings, sourcePath, cancellationToken);
        }

        if (settings.As is not null || settings.DryRun)
        {
            throw CliException.Usage("--as and --dry-run apply to importing a history bundle: add --history.");
        }

        var mode = ParseMode(settings.Mode);
        CheckMapping(settings, mode);

        var options = new ImportOptions
        {
            Format = ParseFormat(settings.Format) ?? (fromStdin ? throw CliException.Invalid("Name the format with --format when importing from standard input.") : null),
            Mapping = new FieldMapping { Input = settings.Input, ExpectedOutput = settings.Expected, Metadata = settings.Metadata, Key = settings.Key },
            Mode = mode,
            Message = settings.Message,
            SkipBadLines = settings.SkipBadLines,
            JsonColumns = settings.JsonColumns,
            SourceName = fromStdin ? "standard input" : null,
        };
        using var store = StoreAccess.OpenForWriting(env, settings, create: settings.Create);
        var dataset = StoreAccess.TryFindDataset(store, settings.Dataset);
        var created = dataset is null;
        if (dataset is null)
        {
            dataset = settings.Create
                ? ToolMessages.Found(store.CreateDataset(new DatasetDefinition(settings.Dataset)))
                : throw StoreAccess.NoSuchDataset(store, settings);
        }
        ImportReport report;
        try
        {
            report = ProgressDisplay.Run(env, !settings.Json, fromStdin ? "Importing standard input" : $"Importing {Path.GetFileName(settings.Source)}", byBytes: true, progress =>
                fromStdin
                    ? DatasetTransfer.Import(store, dataset.Id, env.OpenInput(), options with { Progress = progress }, cancellationToken)
                    : DatasetTransfer.Import(store, dataset.Id, sourcePath!, options with { Progress = progress }, cancellationToken));
        }
        catch when (created)
        {
            // A failed import into a dataset this command created leaves no empty dataset behind.
            store.DeleteDataset(dataset.Id);
            throw;
        }

        if (settings.Json)
        {
            Json(report, dataset, created);
        }
        else
        {
            Text(report, dataset, created);
        }

        return ExitCodes.Success;
    }

    /// <summary>Refuses a mapping that names a key without an input field, or a match mode without a key.</summary>
    private static void CheckMapping(Settings settings, ImportMode mode)
    {
        if (mode != ImportMode.Append && settings.Input.Length > 0 && settings.Key is null)
        {
            throw CliException.Invalid($"--mode {settings.Mode.ToLowerInvariant()} matches records to items by key: name the key field with --key, or import in append mode.");
        }

        if (settings.Input.Length == 0 && (settings.Expected ?? settings.Key) is not null || settings.Input.Length == 0 && settings.Metadata.Length > 0)
        {
            throw CliException.Invalid("--expected, --metadata and --key map fields of another shape: name the input field(s) with --input too.");
        }
    }

    private void Json(ImportReport report, Dataset dataset, bool created)
    {
        using var json = JsonOutput.Begin(env);
        json.DatasetRef(dataset);
        json.Writer.WriteBoolean("datasetCreated", created);
        json.Writer.WriteString("source", report.Source);
        json.Writer.WriteString("format", report.Format.ToString().ToLowerInvariant());
        var r = report.Result;
        json.Writer.WriteNumber("version", r.Version);
        json.Writer.WriteBoolean("created", r.Created);
        json.Writer.WriteNumber("read", r.Read);
        json.Writer.WriteNumber("added", r.Added);
        json.Writer.WriteNumber("updated", r.Updated);
        json.Writer.WriteNumber("deleted", r.Deleted);
        json.Writer.WriteNumber("unchanged", r.Unchanged);
        json.Writer.WriteNumber("skippedCount", report.SkippedCount);
        json.Array("skipped", report.SkippedLines, skipped => json.Object(w =>
        {
            w.WriteNumber("line", skipped.LineNumber);
            w.WriteString("reason", skipped.Reason);
        }));
        json.Writer.WriteStartObject("lackingFields");
        foreach (var (field, count) in report.LackingFields)
        {
            json.Writer.WriteNumber(field, count);
        }

        json.Writer.WriteEndObject();
    }

    private void Text(ImportReport report, Dataset dataset, bool created)
    {
        var r = report.Result;
        if (created)
        {
            env.Console.MarkupLine($"Created dataset [bold]{Display.Escape(dataset.Name)}[/].");
        }

        env.Console.MarkupLine(r.Created
            ? $"Imported {Display.Escape(report.Source)} into [bold]{Display.Escape(dataset.Name)}[/] as version {r.Version}: {Display.Count(r.Added)} added, {Display.Count(r.Updated)} updated, {Display.Count(r.Deleted)} deleted, {Display.Count(r.Unchanged)} unchanged."
            : $"Read {Display.Count(r.Read)} records from {Display.Escape(report.Source)}: nothing changed, so no version was created ([bold]{Display.Escape(dataset.Name)}[/] stays at version {r.Version}).");
        if (report.SkippedCount > 0)
        {
            env.Console.MarkupLine($"[yellow]Skipped {Display.Count(report.SkippedCount)} bad record(s):[/]");
            foreach (var skipped in report.SkippedLines)
            {
                env.Console.MarkupLine($"  line {skipped.LineNumber}: {Display.Escape(skipped.Reason)}");
            }

            if (report.SkippedCount > report.SkippedLines.Count)
            {
                env.Console.MarkupLine($"  … and {Display.Count(report.SkippedCount - report.SkippedLines.Count)} more.");
            }
        }

        foreach (var (field, count) in report.LackingFields)
        {
            env.Console.MarkupLine($"[yellow]{Display.Count(count)} record(s) have no '{Display.Escape(field)}'[/] (imported without it).");
        }
    }

    /// <summary>Parses a --format value.</summary>
    internal static TransferFormat? ParseFormat(string? format) => format?.ToUpperInvariant() switch
    {
        null => null,
        "JSONL" or "NDJSON" => TransferFormat.Jsonl,
        "JSON" => TransferFormat.Json,
        "CSV" => TransferFormat.Csv,
        _ => throw CliException.Invalid($"The format '{format}' is not one of jsonl, json or csv."),
    };

    private static ImportMode ParseMode(string mode) => mode.ToUpperInvariant() switch
    {
        "APPEND" => ImportMode.Append,
        "UPSERT" => ImportMode.Upsert,
        "SYNC" => ImportMode.Sync,
        _ => throw CliException.Invalid($"The mode '{mode}' is not one of append, upsert or sync."),
    };
}
