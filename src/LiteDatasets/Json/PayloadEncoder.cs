using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Json;

/// <summary>
/// Turns caller JSON into the exact text the store keeps, and into its canonical form (SPEC §1: keys sorted
/// ordinally at every level, no whitespace, strings and numbers as written). Both walks refuse what cannot
/// round-trip exactly: nesting deeper than <see cref="MaxDepth"/>, duplicate keys, strings that are not valid
/// UTF-16, and values the writer cannot represent (NaN, infinities).
/// </summary>
/// <remarks>
/// The stored text keeps the caller's key order and number text; it is a JSON string, not a BSON document,
/// because LiteDB's document keys are case-insensitive and would merge <c>"a"</c> and <c>"A"</c>.
/// </remarks>
internal static class PayloadEncoder
{
    /// <summary>The deepest nesting of arrays and objects accepted (the root container is depth 1).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed escaping keeps non-ASCII text readable and compact; it is deterministic, which is what
        // the canonical form needs.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        MaxDepth = MaxDepth + 1,
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

    /// <summary>Returns the compact text to store for <paramref name="node"/>, keeping key order.</summary>
    /// <exception cref="PayloadProblem">The node cannot be stored exactly.</exception>
    public static string ToStoredText(JsonNode node) => Write(node, canonical: false);

    /// <summary>Returns the canonical text of <paramref name="node"/>.</summary>
    /// <exception cref="PayloadProblem">The node cannot be represented exactly.</exception>
    public static string ToCanonicalText(JsonNode node) => Write(node, canonical: true);

    /// <summary>Writes the canonical form of <paramref name="node"/> into an open writer.</summary>
    public static void WriteCanonical(Utf8JsonWriter writer, JsonNode node) => WriteNode(writer, node, canonical: true, new PathStack());

    /// <summary>Parses text the store wrote back into a fresh node.</summary>
    public static JsonNode Parse(string storedText) =>
        JsonNode.Parse(storedText, NodeOptions, DocumentOptions)
        ?? throw new InvalidDataException("A stored payload is the JSON literal null.");

    /// <summary>Creates a writer with the options every stored and canonical text uses.</summary>
    public static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, WriterOptions);

    private static string Write(JsonNode node, bool canonical)
    {
        // One buffer per thread, reused; a huge payload's buffer is not kept.
        var buffer = s_buffer is { Capacity: <= 1 << 20 } reusable ? reusable : s_buffer = new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = CreateWriter(buffer))
        {
            WriteNode(writer, node, canonical, new PathStack());
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteNode(Utf8JsonWriter writer, JsonNode? node, bool canonical, PathStack path)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                WriteObject(writer, obj, canonical, path);
                break;
            case JsonArray array:
                CheckDepth(path);
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    path.Push(i);
                    WriteNode(writer, array[i], canonical, path);
                    path.Pop();
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                WriteValue(writer, value, path);
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, JsonObject obj, bool canonical, PathStack path)
    {
        CheckDepth(path);
        List<KeyValuePair<string, JsonNode?>> properties;
        try
        {
            // Enumerating an object parsed from text with a repeated key throws: that is how duplicates show.
            properties = [.. obj];
        }
        catch (ArgumentException ex)
        {
            throw new PayloadProblem(path.ToPointer(), "contains a duplicate key", ex);
        }
        catch (InvalidOperationException ex)
        {
            // A key parsed from text with an escaped lone surrogate ("\ud800") cannot be read as a string.
            throw new PayloadProblem(path.ToPointer(), "has a key that is not valid Unicode text (a lone surrogate)", ex);
        }

        if (canonical)
        {
            properties.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        writer.WriteStartObject();
        foreach (var (key, child) in properties)
        {
            path.Push(key);
            CheckText(key, path, "has a key that is not valid Unicode text (a lone surrogate)");
            writer.WritePropertyName(key);
            WriteNode(writer, child, canonical, path);
            path.Pop();
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, JsonValue value, PathStack path)
    {
        if (value.GetValueKind() == JsonValueKind.String)
        {
            string text;
            try
            {
                text = value.GetValue<string>();
            }
            catch (InvalidOperationException ex)
            {
                // A string parsed from text with an escaped lone surrogate ("\ud800") cannot be read at all.
                throw new PayloadProblem(path.ToPointer(), "is a string that is not valid Unicode text (a lone surrogate)", ex);
            }

            CheckText(text, path, "is a string that is not valid Unicode text (a lone surrogate)");
        }

        try
        {
            value.WriteTo(writer);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException or JsonException)
        {
            throw new PayloadProblem(path.ToPointer(), "is a value JSON cannot represent exactly (" + ex.Message + ")", ex);
        }
    }

    /// <summary>Refuses a container that would sit deeper than <see cref="MaxDepth"/>.</summary>
    private static void CheckDepth(PathStack path)
    {
        // The path holds the container's own position; the root container is depth 1.
        if (path.Count + 1 > MaxDepth)
        {
            throw new PayloadProblem(path.ToPointer(), $"is nested deeper than {MaxDepth} levels");
        }
    }

    private static void CheckText(string text, PathStack path, string problem)
    {
        var span = text.AsSpan();
        var first = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (first < 0)
        {
            return;
        }

        for (var i = first; i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                throw new PayloadProblem(path.ToPointer(), problem);
            }
        }
    }
}
