using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets create STORE NAME</c>: creates a dataset at version 0, and the store (file or schema) if it is missing.</summary>
internal sealed class CreateCommand(CliEnvironment env) : Command<CreateCommand.Settings>
{
    /// <summary>The arguments of <c>create</c>.</summary>
    internal sealed class Settings : StoreSettings
    {
        /// <summary>Gets the new dataset's name.</summary>
        [CommandArgument(1, "<NAME>")]
        [Description("The new dataset's name (unique in the store, ignoring case)")]
        public string Name { get; init; } = "";

        /// <summary>Gets the description.</summary>
        [CommandOption("--description <TEXT>")]
        [Description("A description of the dataset")]
        public string? Description { get; init; }

        /// <summary>Gets the id to give the dataset.</summary>
        [CommandOption("--id <ID>")]
        [Description("The dataset's id (generated when left out)")]
        public string? Id { get; init; }

        /// <summary>Gets the metadata as JSON text.</summary>
        [CommandOption("--metadata <JSON>")]
        [Description("Metadata: a JSON object such as '{\"owner\":\"ml-team\"}'")]
        public string? Metadata { get; init; }

        /// <summary>Gets the path of an input JSON Schema.</summary>
        [CommandOption("--input-schema <PATH>")]
        [Description("A JSON Schema file every item's input must satisfy")]
        public string? InputSchema { get; init; }

        /// <summary>Gets the path of an expected-output JSON Schema.</summary>
        [CommandOption("--expected-schema <PATH>")]
        [Description("A JSON Schema file every expected output must satisfy")]
        public string? ExpectedSchema { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var definition = new DatasetDefinition(settings.Name)
        {
            Id = settings.Id,
            Description = settings.Description,
            Metadata = settings.Metadata is null ? null : ParseObject(settings.Metadata, "--metadata"),
            InputSchema = settings.InputSchema is null ? null : ReadSchema(settings.InputSchema),
            ExpectedOutputSchema = settings.ExpectedSchema is null ? null : ReadSchema(settings.ExpectedSchema),
        };
        using var store = StoreAccess.OpenForWriting(env, settings, create: true);
        var dataset = store.CreateDataset(definition);
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WritePropertyName("dataset");
            json.Dataset(dataset);
        }
        else
        {
            env.Console.MarkupLine($"Created dataset [bold]{Display.Escape(dataset.Name)}[/] (id {Display.Escape(dataset.Id)}) in {Display.Escape(StoreAccess.Describe(store, settings))}, at version 0.");
        }

        return ExitCodes.Success;
    }

    /// <summary>Parses an option value that must be a JSON object.</summary>
    internal static JsonObject ParseObject(string text, string option)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw CliException.Invalid($"The value of {option} must be a JSON object such as '{{\"key\":\"value\"}}'.");
        }
        catch (JsonException ex)
        {
            throw CliException.Invalid($"The value of {option} is not valid JSON: {ex.Message}");
        }
    }

    private JsonNode ReadSchema(string path)
    {
        var full = env.FullPath(path);
        if (!File.Exists(full))
        {
            throw CliException.InputNotFound(path);
        }

        try
        {
            return JsonNode.Parse(File.ReadAllText(full)) ?? throw CliException.Invalid($"The schema file '{path}' holds null, not a JSON Schema.");
        }
        catch (JsonException ex)
        {
            throw CliException.Invalid($"The schema file '{path}' is not valid JSON: {ex.Message}");
        }
    }
}
