using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Json;

/// <summary>
/// A <see cref="JsonValue"/> that wraps a .NET value (<c>JsonValue.Create(record)</c>, a date, a char, a Guid…)
/// instead of parsed JSON text, a string or a number. Such a value is taken as the JSON text the serialiser writes
/// for it (<see cref="JsonNode.ToJsonString"/>), parsed back: the stored form, the canonical form and what a reader
/// gets back are then all made from the same JSON, keys in the serialiser's order, strings and numbers as it wrote
/// them.
/// </summary>
internal static class SerialisedValue
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    // One level more than the store accepts: the walk that follows refuses a deeper node with its exact pointer.
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = PayloadEncoder.MaxDepth + 1 };

    /// <summary>
    /// Whether <paramref name="value"/> wraps a .NET value whose JSON a walk cannot take from it directly (an object,
    /// an array, or a string held as another type, such as a <see cref="DateTime"/>); if so, <paramref name="json"/>
    /// is that JSON, parsed. Parsed text, strings, numbers and literals are written as they are.
    /// </summary>
    /// <exception cref="PayloadProblem">The serialiser cannot write the value.</exception>
    public static bool TryParse(JsonValue value, PathStack path, out JsonNode? json)
    {
        json = null;
        if (value.TryGetValue<JsonElement>(out _) || value.TryGetValue<string>(out _))
        {
            return false;
        }

        string text;
        try
        {
            // The kind of a wrapped value comes from serialising it, so it fails as the serialisation would.
            if (value.GetValueKind() is not (JsonValueKind.Object or JsonValueKind.Array or JsonValueKind.String))
            {
                return false;
            }

            text = value.ToJsonString();
        }
        catch (Exception ex) when (IsSerialiserRefusal(ex))
        {
            throw new PayloadProblem(path.ToPointer(), "is a .NET value that cannot be serialised as JSON (" + ex.Message + ")", ex);
        }

        try
        {
            json = JsonNode.Parse(text, NodeOptions, DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new PayloadProblem(path.ToPointer(), $"is a .NET value whose JSON is nested deeper than {PayloadEncoder.MaxDepth} levels", ex);
        }

        return true;
    }

    /// <summary>Whether <paramref name="ex"/> is how the serialiser says it cannot write a value (a cycle, an unsupported type, NaN…).</summary>
    public static bool IsSerialiserRefusal(Exception ex) =>
        ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException or FormatException;
}
