using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests;

/// <summary>Writes JSON text from nodes with control over key order and number spelling.</summary>
public static class JsonText
{
    /// <summary>
    /// Returns the text of <paramref name="node"/> with the keys of every object in a random order
    /// (same content by the canonical form) and, if <paramref name="respell"/> is one of its number nodes,
    /// that number written another way (same numeric value, different text).
    /// </summary>
    public static string Write(JsonNode? node, Random? shuffle = null, JsonNode? respell = null)
    {
        var text = new StringBuilder();
        WriteNode(text, node, shuffle, respell);
        return text.ToString();
    }

    /// <summary>Returns the number nodes of a value, in document order.</summary>
    public static List<JsonNode> Numbers(JsonNode? node)
    {
        var result = new List<JsonNode>();
        Collect(node, result);
        return result;
    }

    /// <summary>Writes the same number with other text: <c>1</c> → <c>1.0</c>, <c>1.5</c> → <c>1.50</c>, <c>1e2</c> → <c>1E2</c>.</summary>
    public static string Respell(string number)
    {
        if (number.Contains('e', StringComparison.Ordinal))
        {
            return number.Replace('e', 'E');
        }

        if (number.Contains('E', StringComparison.Ordinal))
        {
            return number.Replace('E', 'e');
        }

        return number.Contains('.', StringComparison.Ordinal) ? number + "0" : number + ".0";
    }

    private static void Collect(JsonNode? node, List<JsonNode> result)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj)
                {
                    Collect(property.Value, result);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Collect(item, result);
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                result.Add(value);
                break;
        }
    }

    private static void WriteNode(StringBuilder text, JsonNode? node, Random? shuffle, JsonNode? respell)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                var properties = obj.ToList();
                if (shuffle is not null)
                {
                    shuffle.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(properties));
                }

                text.Append('{');
                for (var i = 0; i < properties.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    CanonicalJson.WriteString(text, properties[i].Key);
                    text.Append(':');
                    WriteNode(text, properties[i].Value, shuffle, respell);
                }

                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    WriteNode(text, array[i], shuffle, respell);
                }

                text.Append(']');
                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String)
                {
                    CanonicalJson.WriteString(text, node.GetValue<string>());
                }
                else
                {
                    var raw = node.ToJsonString();
                    text.Append(ReferenceEquals(node, respell) ? Respell(raw) : raw);
                }

                break;
        }
    }
}
