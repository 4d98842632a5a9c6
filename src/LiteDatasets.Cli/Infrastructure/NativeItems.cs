using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>
/// Reads items given in the tool's native shape, <c>{"id","externalId","input","expectedOutput","metadata"}</c>
/// (what <c>export</c> writes and <c>import</c> reads without a mapping), from a command-line argument or a
/// line of a file. A bad one is refused with where it was, before anything is written.
/// </summary>
internal static class NativeItems
{
    private static readonly string[] Fields = ["id", "externalId", "input", "expectedOutput", "metadata"];

    // A repeated member would silently keep one of its values.
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };

    /// <summary>Parses one item.</summary>
    /// <param name="json">The item's JSON text.</param>
    /// <param name="where">Where it was, for messages: "argument 2", "items.jsonl, line 3".</param>
    /// <exception cref="CliException">The text is not an item of the native shape.</exception>
    public static ItemDraft Parse(string json, string where)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: Options);
        }
        catch (JsonException ex)
        {
            throw Bad(where, $"is not valid JSON: {ex.Message}");
        }

        if (node is not JsonObject record)
        {
            throw Bad(where, "is not a JSON object such as '{\"input\":\"2+2\",\"expectedOutput\":\"4\"}'.");
        }

        foreach (var (name, _) in record)
        {
            if (!Fields.Contains(name, StringComparer.Ordinal))
            {
                throw Bad(where, $"has the member '{name}', which is not part of an item (id, externalId, input, expectedOutput, metadata).");
            }
        }

        var metadata = record["metadata"];
        if (metadata is not null and not JsonObject)
        {
            throw Bad(where, $"has metadata that is a JSON {metadata.GetValueKind().ToString().ToLowerInvariant()}, not an object.");
        }

        return new ItemDraft(record["input"] ?? throw Bad(where, "has no input: give \"input\", any JSON value but null."))
        {
            Id = Text(record, "id", where),
            ExternalId = Text(record, "externalId", where),
            ExpectedOutput = record["expectedOutput"],
            Metadata = (JsonObject?)metadata,
        };
    }

    /// <summary>Parses every non-blank line of a JSONL text as one item.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">The file's name as given, or "standard input".</param>
    /// <returns>Each item with where it was.</returns>
    public static List<(ItemDraft Draft, string Where)> ParseLines(TextReader reader, string source)
    {
        var items = new List<(ItemDraft, string)>();
        var line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (!string.IsNullOrWhiteSpace(text))
            {
                var where = FormattableString.Invariant($"{source}, line {line}");
                items.Add((Parse(text, where), where));
            }
        }

        return items;
    }

    /// <summary>
    /// Refuses two items with the same id or external id, naming both places (the store would refuse them
    /// too, but could name them only by their position in the batch).
    /// </summary>
    public static void CheckRepeats(IEnumerable<(ItemDraft Draft, string Where)> items)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var externalIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (draft, where) in items)
        {
            CheckRepeat(ids, draft.Id, "id", where);
            CheckRepeat(externalIds, draft.ExternalId, "external id", where);
        }
    }

    private static void CheckRepeat(Dictionary<string, string> seen, string? value, string what, string where)
    {
        if (value is not null && !seen.TryAdd(value, where))
        {
            throw Bad(where, $"has the {what} '{value}', as has the item of {seen[value]}; each item may appear once.");
        }
    }

    private static string? Text(JsonObject record, string member, string where) => record[member] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw Bad(where, $"has {member} as a JSON {other.GetValueKind().ToString().ToLowerInvariant()}, not a string."),
    };

    private static CliException Bad(string where, string reason) => CliException.Invalid($"{where}: The item {reason} Nothing was added.");
}
