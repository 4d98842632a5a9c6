using System.ComponentModel;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets import STORE DATASET SOURCE</c>: imports a JSONL, JSON, CSV, TSV or Parquet file as one version.</summary>
internal sealed class ImportCommand(CliEnvironment env) : Command<ImportCommand.Settings>
{
    /// <summary>The arguments of <c>import</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the file to import.</summary>
        [CommandArgument(2, "<SOURCE>")]
        [Description("The file to import (.jsonl, .json, .csv, .tsv or .parquet), or - for standard input with --format")]
        public string Source { get; init; } = "";

        /// <summary>Gets the format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("jsonl, json, csv, tsv or parquet (default: from the file's extension)")]
        public string? Format { get; init; }

        /// <summary>Gets the input fields.</summary>
        [CommandOption("--input <FIELD>")]
        [Description("The field that holds the input: a name, or a JSON Pointer such as /question/text; repeat it to make the input an object of several fields. Without it, records have the native shape {id, externalId, input, expectedOutput, metadata}")]
        public string[] Input { get; init; } = [];

        /// <summary>Gets the expected-output field.</summary>
        [CommandOption("--expected <FIELD>")]
        [Description("The field (or JSON Pointer, such as /instances/0/output) that holds the expected output")]
        public string? Expected { get; init; }

        /// <summary>Gets the metadata fields.</summary>
        [CommandOption("--metadata <FIELD>")]
        [Description("A field (or JSON Pointer) to keep in the item's metadata, under its name (a pointer's last part); repeatable")]
        public string[] Metadata { get; init; } = [];

        /// <summary>Gets the key field.</summary>
        [CommandOption("--key <FIELD>")]
        [Description("The field (or JSON Pointer) that holds each record's unique key (stored as its external id; needed for upsert and sync)")]
        public string? Key { get; init; }

        /// <summary>Gets whether record numbers are the keys.</summary>
        [CommandOption("--key-from-line")]
        [Description("Use each record's number as its key, for files without one: its line in JSONL, its position in a JSON array or among the rows of a CSV, TSV or Parquet file (the header not counted)")]
        public bool KeyFromLine { get; init; }

        /// <summary>Gets the constant metadata.</summary>
        [CommandOption("--set-metadata <KEY=VALUE>")]
        [Description("Set the metadata field KEY to VALUE on every item (JSON if it parses, else a string: split=test); repeatable")]
        public string[] SetMetadata { get; init; } = [];

        /// <summary>Gets the CSV columns holding JSON.</summary>
        [CommandOption("--json-column <COLUMN>")]
        [Description("A CSV, TSV or Parquet column whose cells are JSON text (cells are strings otherwise; the native columns named NAME:json, and the native Parquet columns, always are); a JSON Pointer may look inside it. Repeatable")]
        public string[] JsonColumns { get; init; } = [];

        /// <summary>Gets the CSV delimiter.</summary>
        [CommandOption("--delimiter <CHAR>")]
        [Description("The cell delimiter of a CSV file: one character, or \\t for a tab (default: a comma; TSV files use tabs)")]
        public string? Delimiter { get; init; }

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

        var options = Options(settings, fromStdin);
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

    /// <summary>Reads the options of the import from the command line.</summary>
    private static ImportOptions Options(Settings settings, bool fromStdin)
    {
        var mode = ParseMode(settings.Mode);
        var format = ParseFormat(settings.Format) ?? (fromStdin ? throw CliException.Invalid("Name the format with --format when importing from standard input.") : null);
        var constants = CheckMapping(settings, mode);
        return new ImportOptions
        {
            Format = format,
            Mapping = new FieldMapping
            {
                Input = settings.Input,
                ExpectedOutput = settings.Expected,
                Metadata = settings.Metadata,
                Key = settings.Key,
                KeyFromLine = settings.KeyFromLine,
                ConstantMetadata = constants,
            },
            Mode = mode,
            Message = settings.Message,
            SkipBadLines = settings.SkipBadLines,
            JsonColumns = settings.JsonColumns,
            CsvDelimiter = ParseDelimiter(settings.Delimiter, format),
            SourceName = fromStdin ? "standard input" : null,
        };
    }

    /// <summary>
    /// Refuses a mapping that names a key without an input field, a match mode without a key, two sources of keys,
    /// or a constant that a mapped metadata field also fills; returns the constants.
    /// </summary>
    private static Dictionary<string, JsonNode?>? CheckMapping(Settings settings, ImportMode mode)
    {
        var mapped = settings.Input.Length > 0;
        if (mode != ImportMode.Append && mapped && settings.Key is null && !settings.KeyFromLine)
        {
            throw CliException.Invalid($"--mode {settings.Mode.ToLowerInvariant()} matches records to items by key: name the key field with --key, use --key-from-line, or import in append mode.");
        }

        if (!mapped && ((settings.Expected ?? settings.Key) is not null || settings.Metadata.Length > 0 || settings.SetMetadata.Length > 0 || settings.KeyFromLine))
        {
            throw CliException.Invalid("--expected, --metadata, --key, --key-from-line and --set-metadata map fields of another shape: name the input field(s) with --input too.");
        }

        if (settings.Key is not null && settings.KeyFromLine)
        {
            throw CliException.Invalid("Give --key or --key-from-line, not both: each record has one key.");
        }

        if (settings.SetMetadata.Length == 0)
        {
            return null;
        }

        var constants = KeyValueOption.Parse(settings.SetMetadata, "--set-metadata");
        var clash = settings.Metadata.FirstOrDefault(field => constants.ContainsKey(FieldMapping.NameOf(field)));
        if (clash is not null)
        {
            throw CliException.Invalid($"--set-metadata {FieldMapping.NameOf(clash)}=... and --metadata {clash} both fill the metadata field '{FieldMapping.NameOf(clash)}'; drop one of them.");
        }

        return constants;
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
        "TSV" => TransferFormat.Tsv,
        "PARQUET" => TransferFormat.Parquet,
        _ => throw CliException.Invalid($"The format '{format}' is not one of jsonl, json, csv, tsv or parquet."),
    };

    /// <summary>Parses a --delimiter value: one character, or <c>\t</c> for a tab; a comma when it is not given.</summary>
    internal static char ParseDelimiter(string? text, TransferFormat? format)
    {
        if (text is null)
        {
            return ',';
        }

        var delimiter = text is "\\t" or "tab" ? '\t'
            : text.Length == 1 ? text[0]
            : throw CliException.Invalid($"The delimiter '{text}' is not one character; write for example --delimiter ';', or --delimiter '\\t' for a tab.");
        if (format is TransferFormat.Jsonl or TransferFormat.Json)
        {
            throw CliException.Invalid("--delimiter applies to CSV files; JSONL and JSON have no delimiter.");
        }

        if (format is TransferFormat.Tsv && delimiter != '\t')
        {
            throw CliException.Invalid("TSV cells are separated by tabs; for another delimiter use --format csv with --delimiter.");
        }

        return delimiter;
    }

    private static ImportMode ParseMode(string mode) => mode.ToUpperInvariant() switch
    {
        "APPEND" => ImportMode.Append,
        "UPSERT" => ImportMode.Upsert,
        "SYNC" => ImportMode.Sync,
        _ => throw CliException.Invalid($"The mode '{mode}' is not one of append, upsert or sync."),
    };
}
