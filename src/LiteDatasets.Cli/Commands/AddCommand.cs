using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets add STORE DATASET [JSON...]</c>: adds items given as JSON arguments or lines of a file, as one version.</summary>
internal sealed class AddCommand(CliEnvironment env) : Command<AddCommand.Settings>
{
    /// <summary>The arguments of <c>add</c>.</summary>
    internal sealed class Settings : ItemChangeSettings
    {
        /// <summary>Gets the items as JSON text.</summary>
        [CommandArgument(2, "[JSON]")]
        [Description("An item as a JSON object of the native shape, such as '{\"input\":\"2+2\",\"expectedOutput\":\"4\",\"externalId\":\"q1\"}' (members id, externalId, input, expectedOutput, metadata; only input is required); several make one version")]
        public string[] Items { get; init; } = [];

        /// <summary>Gets the JSONL file of further items.</summary>
        [CommandOption("--file <PATH>")]
        [Description("A JSONL file of items in the same shape, one per line (- for standard input)")]
        public string? File { get; init; }

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Items.Length == 0 && File is null
                ? ValidationResult.Error("Give at least one item: a JSON argument such as '{\"input\":\"2+2\"}', or --file with a JSONL file.")
                : base.Validate();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var items = settings.Items.Select((json, i) => (Draft: NativeItems.Parse(json, $"Argument {i + 1}"), Where: $"Argument {i + 1}")).ToList();
        if (settings.File is { } file)
        {
            items.AddRange(ReadFile(file));
        }

        if (items.Count == 0)
        {
            throw CliException.Invalid($"The file '{settings.File}' holds no items. Nothing was added.");
        }

        NativeItems.CheckRepeats(items);
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var commit = Add(store, dataset, items, settings.Message);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", commit.Version);
            json.Array("items", commit.Items, json.Item);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine($"Added {Display.Count(commit.Added)} item(s) to [bold]{Display.Escape(dataset.Name)}[/] as version {commit.Version}:");
        foreach (var item in commit.Items)
        {
            env.Console.MarkupLine("  " + Display.Escape(item.ExternalId is null ? item.Id : $"{item.Id} (external id {item.ExternalId})"));
        }

        return ExitCodes.Success;
    }

    /// <summary>Adds the items as one version; a schema failure names the argument or line of the first failing item.</summary>
    private static Commit Add(IDatasetStore store, Dataset dataset, List<(ItemDraft Draft, string Where)> items, string? message)
    {
        try
        {
            return store.AddItems(dataset.Id, items.Select(i => i.Draft), new WriteOptions { Message = message });
        }
        catch (SchemaViolationException ex) when (ex.Failures is [{ ItemIndex: { } index } first, ..])
        {
            var more = ex.FailingItemCount > 1 ? $" {ex.FailingItemCount - 1} more item(s) fail it too." : "";
            throw new LiteDatasetsException(
                ErrorCode.SchemaViolation,
                $"{items[index].Where}: The item does not satisfy the dataset's schema at '{first.Path}': {first.Message}.{more} Nothing was added.",
                ex);
        }
    }

    private List<(ItemDraft Draft, string Where)> ReadFile(string file)
    {
        if (file == CliApp.StandardStream)
        {
            using var input = new StreamReader(env.OpenInput());
            return NativeItems.ParseLines(input, "standard input");
        }

        var path = env.FullPath(file);
        if (!System.IO.File.Exists(path))
        {
            throw CliException.InputNotFound(file);
        }

        using var reader = new StreamReader(path);
        return NativeItems.ParseLines(reader, file);
    }
}
