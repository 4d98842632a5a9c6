using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Json;

/// <summary>
/// Turns caller JSON into the exact UTF-8 JSON the store keeps, and into its canonical text.
/// Both walks refuse what cannot round-trip exactly: nesting deeper than <see cref="MaxDepth"/>, duplicate
/// keys, strings that are not valid UTF-16, and values the writer cannot represent (NaN, infinities).
/// A value wrapping a .NET object is walked as the JSON the serialiser writes for it (<see cref="SerialisedValue"/>).
/// </summary>
/// <remarks>
/// <para>The stored form keeps the caller's key order and number text; it is JSON bytes, not a BSON
/// document, because LiteDB's document keys are case-insensitive and would merge <c>"a"</c> and <c>"A"</c>.</para>
/// <para>The canonical form sorts keys ordinally at every level, has no whitespace, keeps number text as
/// written, and escapes strings minimally and independently of any runtime's Unicode tables: <c>"</c> and
/// <c>\</c>, the short forms <c>\b \f \n \r \t</c>, other characters below U+0020 as <c>\u00xx</c> (lowercase
/// hex), every other character as itself. It decides identity and fingerprints, so it must never change.</para>
/// </remarks>
internal static class PayloadEncoder
{
    /// <summary>The deepest nesting of arrays and objects accepted (the root container is depth 1).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed escaping keeps non-ASCII text readable and compact in the stored form.
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
    public static string ToStoredText(JsonNode node) => Encoding.UTF8.GetString(WriteStored(node, out _));

    /// <summary>
    /// Returns the compact UTF-8 JSON to store for <paramref name="node"/>, keeping key order;
    /// <paramref name="serialised"/> tells whether it holds a .NET value the serialiser wrote.
    /// </summary>
    /// <exception cref="PayloadProblem">The node cannot be stored exactly.</exception>
    public static byte[] ToStoredUtf8(JsonNode node, out bool serialised) => WriteStored(node, out serialised).ToArray();

    /// <summary>Returns the canonical text of <paramref name="node"/>.</summary>
    /// <exception cref="PayloadProblem">The node cannot be represented exactly.</exception>
    public static string ToCanonicalText(JsonNode node)
    {
        var text = new StringBuilder();
        WriteCanonical(text, node, new PathStack());
        return text.ToString();
    }

    /// <summary>Appends a string in canonical form, quotes included.</summary>
    public static void AppendCanonicalString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case < ' ': text.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: text.Append(c); break;
            }
        }

        text.Append('"');
    }

    /// <summary>Parses text the store wrote back into a fresh node.</summary>
    /// <exception cref="StoreDamage">The text is not what the store writes (it was damaged).</exception>
    public static JsonNode Parse(string storedText)
    {
        try
        {
            return JsonNode.Parse(storedText, NodeOptions, DocumentOptions) ?? throw NullPayload();
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    /// <summary>Parses UTF-8 JSON the store wrote back into a fresh node.</summary>
    /// <exception cref="StoreDamage">The bytes are not what the store writes (they were damaged).</exception>
    public static JsonNode Parse(ReadOnlySpan<byte> storedUtf8)
    {
        try
        {
            return JsonNode.Parse(storedUtf8, NodeOptions, DocumentOptions) ?? throw NullPayload();
        }
        catch (JsonException ex)
        {
            throw NotJson(ex);
        }
    }

    /// <summary>Parses stored metadata, which the store only ever writes as a JSON object.</summary>
    /// <exception cref="StoreDamage">The bytes are not a JSON object (they were damaged).</exception>
    public static JsonObject ParseObject(ReadOnlySpan<byte> storedUtf8) => Parse(storedUtf8) as JsonObject ?? throw NotAnObject();

    /// <summary>As <see cref="ParseObject(ReadOnlySpan{byte})"/>, for stored text.</summary>
    public static JsonObject ParseObject(string storedText) => Parse(storedText) as JsonObject ?? throw NotAnObject();

    /// <summary>Parses text the store wrote and returns its canonical text.</summary>
    /// <exception cref="StoreDamage">The text is not JSON the store could have written (it was damaged).</exception>
    public static string CanonicalOfStored(ReadOnlySpan<byte> storedUtf8)
    {
        var node = Parse(storedUtf8);
        try
        {
            return ToCanonicalText(node);
        }
        catch (PayloadProblem problem)
        {
            // The store refuses such payloads when they are written, so this one was changed since.
            throw new StoreDamage($"a stored payload{(problem.Pointer.Length == 0 ? "" : " at '" + problem.Pointer + "'")} {problem.Problem}", problem);
        }
    }

    /// <summary>As <see cref="CanonicalOfStored(ReadOnlySpan{byte})"/>, for stored text.</summary>
    public static string CanonicalOfStored(string storedText) => CanonicalOfStored(Encoding.UTF8.GetBytes(storedText));

    private static StoreDamage NotAnObject() => new("a stored metadata payload is not a JSON object");

    private static StoreDamage NullPayload() => new("a stored payload is the JSON literal null");

    private static StoreDamage NotJson(JsonException ex) => new($"a stored payload is not valid JSON ({ex.Message})", ex);

    /// <summary>Writes a node into this thread's buffer and returns the bytes written (valid until the next call).</summary>
    private static ReadOnlySpan<byte> WriteStored(JsonNode node, out bool serialised)
    {
        serialised = false;
        // One buffer per thread, reused; a huge payload's buffer is not kept.
        var buffer = s_buffer is { Capacity: <= 1 << 20 } reusable ? reusable : s_buffer = new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteStoredNode(writer, node, new PathStack(), ref serialised);
        }

        return buffer.WrittenSpan;
    }

    /// <summary>Writes the stored form, checking everything that could break a round trip.</summary>
    private static void WriteStoredNode(Utf8JsonWriter writer, JsonNode? node, PathStack path, ref bool serialised)
    {
        switch (node)
        {
            case JsonValue wrapped when SerialisedValue.TryParse(wrapped, path, out var json):
                serialised = true;
                WriteStoredNode(writer, json, path, ref serialised);
                break;
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                CheckDepth(path);
                writer.WriteStartObject();
                foreach (var (key, child) in PropertiesOf(obj, path))
                {
                    path.Push(key);
                    writer.WritePropertyName(key);
                    WriteStoredNode(writer, child, path, ref serialised);
                    path.Pop();
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                CheckDepth(path);
                writer.WriteStartArray();
                for (var i = 0; i < array.Count; i++)
                {
                    path.Push(i);
                    WriteStoredNode(writer, array[i], path, ref serialised);
                    path.Pop();
                }

                writer.WriteEndArray();
                break;
            case JsonValue value:
                Checked(value, path, () =>
                {
                    if (value.GetValueKind() == JsonValueKind.String)
                    {
                        writer.WriteStringValue(CheckedString(value, path));
                    }
                    else
                    {
                        value.WriteTo(writer);
                    }
                });
                break;
        }
    }

    /// <summary>Writes the canonical form, with the same checks as the stored form.</summary>
    private static void WriteCanonical(StringBuilder text, JsonNode? node, PathStack path)
    {
        switch (node)
        {
            case JsonValue wrapped when SerialisedValue.TryParse(wrapped, path, out var json):
                WriteCanonical(text, json, path);
                break;
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                CheckDepth(path);
                var properties = PropertiesOf(obj, path);
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                text.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    path.Push(properties[i].Key);
                    text.Append(i == 0 ? "" : ",");
                    AppendCanonicalString(text, properties[i].Key);
                    text.Append(':');
                    WriteCanonical(text, properties[i].Value, path);
                    path.Pop();
                }

                text.Append('}');
                break;
            case JsonArray array:
                CheckDepth(path);
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    path.Push(i);
                    text.Append(i == 0 ? "" : ",");
                    WriteCanonical(text, array[i], path);
                    path.Pop();
                }

                text.Append(']');
                break;
            case JsonValue value:
                WriteCanonicalValue(text, value, path);
                break;
        }
    }

    /// <summary>Writes a string, a literal or a number in canonical form (numbers exactly as written).</summary>
    private static void WriteCanonicalValue(StringBuilder text, JsonValue value, PathStack path) =>
        Checked(value, path, () =>
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    AppendCanonicalString(text, CheckedString(value, path));
                    break;
                case JsonValueKind.True:
                    text.Append("true");
                    break;
                case JsonValueKind.False:
                    text.Append("false");
                    break;
                case JsonValueKind.Null:
                    text.Append("null");
                    break;
                default:
                    // Number text exactly as written: a parsed number's own text, else the writer's.
                    text.Append(value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString());
                    break;
            }
        });

    private static List<KeyValuePair<string, JsonNode?>> PropertiesOf(JsonObject obj, PathStack path)
    {
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
            throw new PayloadProblem(path.ToPointer(), "has a key that is not valid Unicode text (a lone surrogate)", ex);
        }

        foreach (var (key, _) in properties)
        {
            path.Push(key);
            CheckText(key, path, "has a key that is not valid Unicode text (a lone surrogate)");
            path.Pop();
        }

        return properties;
    }

    /// <summary>Runs a value's write, turning the writer's refusals (NaN, bad text...) into a payload problem.</summary>
    private static void Checked(JsonValue value, PathStack path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (SerialisedValue.IsSerialiserRefusal(ex))
        {
            throw new PayloadProblem(path.ToPointer(), "is a value JSON cannot represent exactly (" + ex.Message + ")", ex);
        }
    }

    /// <summary>Reads a string value, refusing text that is not valid UTF-16.</summary>
    private static string CheckedString(JsonValue value, PathStack path)
    {
        string text;
        try
        {
            text = value.GetValue<string>();
        }
        catch (InvalidOperationException ex)
        {
            throw new PayloadProblem(path.ToPointer(), "is a string that is not valid Unicode text (a lone surrogate)", ex);
        }

        CheckText(text, path, "is a string that is not valid Unicode text (a lone surrogate)");
        return text;
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
        if (UnicodeText.HasLoneSurrogate(text))
        {
            throw new PayloadProblem(path.ToPointer(), problem);
        }
    }
}
