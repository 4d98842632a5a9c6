using System.ComponentModel;
using System.Globalization;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// <c>litedatasets export STORE DATASET TARGET</c>: writes a version as JSONL, JSON, CSV, TSV or Parquet, in the native shape or
/// under the user's own fields (the options that map fields on import, here writing them back); all of its items, those
/// that pass filters, or a seeded sample of them.
/// </summary>
internal sealed class ExportCommand(CliEnvironment env) : Command<ExportCommand.Settings>
{
    /// <summary>The arguments of <c>export</c>.</summary>
    internal sealed class Settings : ReadDatasetSettings
    {
        /// <summary>Gets the file to write.</summary>
        [CommandArgument(2, "<TARGET>")]
        [Description("The file to write (.jsonl, .json, .csv, .tsv or .parquet), or - for standard output with --format")]
        public string Target { get; init; } = "";

        /// <summary>Gets the version or tag to export.</summary>
        [CommandOption("--at <VERSION|TAG>")]
        [Description("The version number or tag to export (default: current)")]
        public string? At { get; init; }

        /// <summary>Gets the format.</summary>
        [CommandOption("--format <FORMAT>")]
        [Description("jsonl, json, csv, tsv or parquet (default: from the file's extension)")]
        public string? Format { get; init; }

        /// <summary>Gets the search text.</summary>
        [CommandOption("--search <TEXT>")]
        [Description("Only items whose input or expected output contains this text (ignoring case), as in 'items --search'")]
        public string? Search { get; init; }

        /// <summary>Gets the metadata filters.</summary>
        [CommandOption("--meta <KEY=VALUE>")]
        [Description("Only items whose metadata field KEY equals VALUE (JSON if it parses, else a string); repeatable, all must match")]
        public string[] Meta { get; init; } = [];

        /// <summary>Gets the sample size.</summary>
        [CommandOption("--sample <N>")]
        [Description("Write a seeded sample of N of the matching items, in the version's order (the same N, seed and version give the same items)")]
        public int? Sample { get; init; }

        /// <summary>Gets the seed of the sample.</summary>
        [CommandOption("--seed <S>")]
        [Description("The seed of --sample, an integer (default 0); another seed draws another sample")]
        public long? Seed { get; init; }

        /// <summary>Gets the input fields of a mapped shape.</summary>
        [CommandOption("--input <FIELD>")]
        [Description("Write items in a shape of your own, as import reads it: the field (or JSON Pointer, such as /question/text) to write the input to; repeat it for an input object of several fields")]
        public string[] Input { get; init; } = [];

        /// <summary>Gets the expected-output field of a mapped shape.</summary>
        [CommandOption("--expected <FIELD>")]
        [Description("With --input: the field (or JSON Pointer) to write the expected output to")]
        public string? Expected { get; init; }

        /// <summary>Gets the metadata fields of a mapped shape.</summary>
        [CommandOption("--metadata <FIELD>")]
        [Description("With --input: a field (or JSON Pointer) to write the metadata field of its name to; repeatable (metadata not named is left out)")]
        public string[] Metadata { get; init; } = [];

        /// <summary>Gets the key field of a mapped shape.</summary>
        [CommandOption("--key <FIELD>")]
        [Description("With --input: the field (or JSON Pointer) to write each item's external id to")]
        public string? Key { get; init; }

        /// <summary>Gets the CSV delimiter.</summary>
        [CommandOption("--delimiter <CHAR>")]
        [Description("The cell delimiter of a CSV file: one character, or \\t for a tab (default: a comma; TSV files use tabs)")]
        public string? Delimiter { get; init; }

        /// <summary>Gets whether to write the whole history.</summary>
        [CommandOption("--history")]
        [Description("Write the dataset's whole history (versions 1 to --at, tags, ids and fingerprints) as a history bundle, which import --history and copy read")]
        public bool History { get; init; }

        /// <summary>Gets whether to replace an existing file.</summary>
        [CommandOption("--force")]
        [Description("Replace the target file if it exists")]
        public bool Force { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var toStdout = settings.Target == CliApp.StandardStream;
        var format = settings.History ? HistoryBundleFiles.CheckExport(settings) : ImportCommand.ParseFormat(settings.Format);
        if (toStdout && (format is null || settings.Json))
        {
            throw CliException.Invalid(format is null
                ? "Name the format with --format when exporting to standard output."
                : "--json cannot be combined with exporting to standard output: the items are the output.");
        }

        var target = toStdout ? null : env.FullPath(settings.Target);
        if (target is not null && File.Exists(target) && !settings.Force)
        {
            throw CliException.FileExists(settings.Target);
        }

        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        if (settings.History)
        {
            return HistoryBundleFiles.Export(env, settings, store, dataset, target, cancellationToken);
        }

        var version = StoreAccess.ResolveVersion(store, dataset, settings.At);
        var options = Options(settings, format) with { Version = version };
        if (toStdout)
        {
            using var stdout = env.OpenOutput();
            DatasetTransfer.Export(store, dataset.Id, stdout, options, cancellationToken);
            return ExitCodes.Success;
        }

        var result = ProgressDisplay.Run(env, !settings.Json, $"Exporting {dataset.Name}", byBytes: false, progress =>
            DatasetTransfer.Export(store, dataset.Id, target!, options with { Progress = progress }, cancellationToken));
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", result.Version);
            json.Writer.WriteNumber("items", result.Items);
            json.Writer.WriteString("format", result.Format.ToString().ToLowerInvariant());
            json.Writer.WriteString("path", target);
            json.Writer.WriteNumber("matched", result.Matched);
            WriteSample(json, options);
        }
        else
        {
            env.Console.MarkupLine(Summary(result, options, dataset.Name, settings.Target));
        }

        return ExitCodes.Success;
    }

    /// <summary>Reads the filters, sample, shape and delimiter of the export from the command line.</summary>
    private static ExportOptions Options(Settings settings, TransferFormat? format)
    {
        if (settings.Input.Length == 0 && ((settings.Expected ?? settings.Key) is not null || settings.Metadata.Length > 0))
        {
            throw CliException.Invalid("--expected, --metadata and --key write fields of a shape of your own: name the input field(s) with --input too.");
        }

        if (settings.Seed is not null && settings.Sample is null)
        {
            throw CliException.Invalid("--seed chooses the sample of --sample: add --sample N, or leave out --seed.");
        }

        if (settings.Sample is < 1)
        {
            throw CliException.Invalid($"--sample {settings.Sample} is not a number of items; give 1 or more.");
        }

        return new ExportOptions
        {
            Format = format,
            Search = settings.Search,
            Metadata = settings.Meta.Length == 0 ? null : KeyValueOption.Parse(settings.Meta, "--meta"),
            SampleSize = settings.Sample,
            Seed = settings.Seed ?? 0,
            Mapping = new FieldMapping { Input = settings.Input, ExpectedOutput = settings.Expected, Metadata = settings.Metadata, Key = settings.Key },
            CsvDelimiter = ImportCommand.ParseDelimiter(settings.Delimiter, format),
        };
    }

    /// <summary>Writes the sample drawn (<c>{"size","seed"}</c>), or null when the export is not a sample.</summary>
    private static void WriteSample(JsonOutput json, ExportOptions options)
    {
        if (options.SampleSize is not { } size)
        {
            json.Writer.WriteNull("sample");
            return;
        }

        json.Writer.WriteStartObject("sample");
        json.Writer.WriteNumber("size", size);
        json.Writer.WriteNumber("seed", options.Seed);
        json.Writer.WriteEndObject();
    }

    /// <summary>Gets the line that tells what was written: all items, the matching ones, or a sample.</summary>
    private static string Summary(ExportResult result, ExportOptions options, string dataset, string target)
    {
        var filtered = options.Search is not null || options.Metadata is not null;
        var what = options.SampleSize is not null
            ? $"a sample of {Display.Count(result.Items)} of {Display.Count(result.Matched)}{(filtered ? " matching" : "")} items"
            : $"{Display.Count(result.Items)}{(filtered ? " matching" : "")} items";
        var seed = options.SampleSize is not null ? $" (seed {options.Seed.ToString(CultureInfo.InvariantCulture)})" : "";
        return $"Exported {what} of [bold]{Display.Escape(dataset)}[/] version {result.Version}{seed} to {Display.Escape(target)}.";
    }
}
