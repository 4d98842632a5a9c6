using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets edit STORE DATASET ITEM</c>: changes parts of one item as one new version.</summary>
internal sealed class EditCommand(CliEnvironment env) : Command<EditCommand.Settings>
{
    /// <summary>The arguments of <c>edit</c>.</summary>
    internal sealed class Settings : ItemChangeSettings
    {
        /// <summary>Gets the item's id or external id.</summary>
        [CommandArgument(2, "<ITEM>")]
        [Description("The item's id, or its external id")]
        public string Item { get; init; } = "";

        /// <summary>Gets the new input as JSON text.</summary>
        [CommandOption("--input <JSON>")]
        [Description("The new input, as JSON: '\"What is 2+2?\"' (a string needs its quotes), '{\"q\":\"2+2\"}'")]
        public string? Input { get; init; }

        /// <summary>Gets the new expected output as JSON text.</summary>
        [CommandOption("--expected <JSON>")]
        [Description("The new expected output, as JSON; null removes it")]
        public string? Expected { get; init; }

        /// <summary>Gets the metadata fields to set.</summary>
        [CommandOption("--set-meta <KEY=VALUE>")]
        [Description("Set the metadata field KEY to VALUE (JSON if it parses, else a string); repeatable")]
        public string[] SetMeta { get; init; } = [];

        /// <summary>Gets the metadata fields to remove.</summary>
        [CommandOption("--unset-meta <KEY>")]
        [Description("Remove the metadata field KEY; repeatable")]
        public string[] UnsetMeta { get; init; } = [];

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            Input is null && Expected is null && SetMeta.Length == 0 && UnsetMeta.Length == 0
                ? ValidationResult.Error("Say what to change: --input, --expected, --set-meta or --unset-meta.")
                : base.Validate();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var item = ItemLookup.Find(store, dataset, settings.Item, dataset.Version);
        var expected = settings.Expected is null ? null : ParseJson(settings.Expected, "--expected");
        var metadataChanged = settings.SetMeta.Length + settings.UnsetMeta.Length > 0;
        var metadata = metadataChanged ? PatchMetadata(item, settings) : null;
        var patch = new ItemPatch
        {
            Input = settings.Input is null ? null : ParseJson(settings.Input, "--input") ?? throw CliException.Invalid("The value of --input is null; an item's input may be any JSON value but null."),
            ExpectedOutput = expected,
            ClearExpectedOutput = settings.Expected is not null && expected is null,
            Metadata = metadata,
            ClearMetadata = metadataChanged && metadata is null,
        };

        // The item was read before this write: a change in between fails with VersionConflict instead of being undone.
        var commit = store.UpdateItem(dataset.Id, item.Id, patch, new WriteOptions { Message = settings.Message, ExpectedVersion = dataset.Version });
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            json.Writer.WriteNumber("version", commit.Version);
            json.Writer.WriteBoolean("created", commit.Created);
            json.Writer.WritePropertyName("item");
            json.Item(commit.Items[0]);
            return ExitCodes.Success;
        }

        env.Console.MarkupLine(commit.Created
            ? $"Changed item {Display.Escape(item.Id)} of [bold]{Display.Escape(dataset.Name)}[/] as version {commit.Version}."
            : $"Item {Display.Escape(item.Id)} already has that content: no version was created ([bold]{Display.Escape(dataset.Name)}[/] stays at version {commit.Version}).");
        return ExitCodes.Success;
    }

    /// <summary>Gets the item's metadata with the fields set and removed, or null when none is left.</summary>
    private static JsonObject? PatchMetadata(DatasetItem item, Settings settings)
    {
        var metadata = item.Metadata?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in KeyValueOption.Parse(settings.SetMeta, "--set-meta"))
        {
            metadata[key] = value;
        }

        foreach (var key in settings.UnsetMeta)
        {
            if (!metadata.Remove(key))
            {
                throw CliException.Invalid($"Item '{item.Id}' has no metadata field '{key}' to remove. Run 'litedatasets show' to see its metadata.");
            }
        }

        return metadata.Count == 0 ? null : metadata;
    }

    /// <summary>Parses an option value as JSON; the JSON null is returned as null.</summary>
    private static JsonNode? ParseJson(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw CliException.Invalid($"The value of {option} is not valid JSON ({ex.Message}); a text needs its quotes, as in {option} '\"4\"'.");
        }
    }
}
