using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests;

/// <summary>
/// The canonical form and the version fingerprint, computed by the tests on their own from the written
/// definition (keys sorted ordinally at every level, no insignificant whitespace, strings and numbers as
/// written), so that the store's implementation is checked rather than reused.
/// </summary>
/// <remarks>
/// Strings are written with the minimal escaping JSON requires: <c>"</c>, <c>\</c> and the characters below
/// U+0020 (the short forms <c>\b \f \n \r \t</c>, otherwise <c>\u00xx</c> in lowercase hex); every other
/// character is written as itself in UTF-8. Numbers keep their source text.
/// </remarks>
public static class CanonicalJson
{
    private static readonly BigInteger Modulus = BigInteger.One << 256;

    /// <summary>Returns the canonical text of a value; <see langword="null"/> is the JSON literal null.</summary>
    public static string Of(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>Returns the canonical text of a JSON text (parsed first).</summary>
    public static string OfText(string? json) => json is null ? "null" : Of(JsonNode.Parse(json));

    /// <summary>Writes a JSON string literal with the minimal escaping.</summary>
    public static void WriteString(StringBuilder text, string value)
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
                default:
                    if (c < ' ')
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        text.Append('"');
    }

    /// <summary>
    /// Returns one item's fingerprint term: SHA-256 of the UTF-8 canonical JSON of
    /// <c>{"expectedOutput","externalId","id","input","metadata"}</c> with absent members omitted.
    /// </summary>
    /// <param name="id">The item's id.</param>
    /// <param name="externalId">The external id, or null.</param>
    /// <param name="inputText">The input as JSON text.</param>
    /// <param name="expectedText">The expected output as JSON text, or null when absent.</param>
    /// <param name="metadataText">The metadata as JSON text, or null when absent.</param>
    public static BigInteger ItemTerm(string id, string? externalId, string inputText, string? expectedText, string? metadataText)
    {
        var members = new List<(string Key, string Canonical)>();
        if (expectedText is not null)
        {
            members.Add(("expectedOutput", OfText(expectedText)));
        }

        if (externalId is not null)
        {
            members.Add(("externalId", StringLiteral(externalId)));
        }

        members.Add(("id", StringLiteral(id)));
        members.Add(("input", OfText(inputText)));
        if (metadataText is not null)
        {
            members.Add(("metadata", OfText(metadataText)));
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder("{");
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            WriteString(text, members[i].Key);
            text.Append(':').Append(members[i].Canonical);
        }

        text.Append('}');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return new BigInteger(hash, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>Sums item terms modulo 2^256 and formats the sum as 64 lowercase hex digits.</summary>
    public static string Fingerprint(IEnumerable<BigInteger> terms)
    {
        var sum = BigInteger.Zero;
        foreach (var term in terms)
        {
            sum = (sum + term) % Modulus;
        }

        var bytes = new byte[32];
        var written = sum.ToByteArray(isUnsigned: true, isBigEndian: true);
        written.CopyTo(bytes, 32 - written.Length);
        return Convert.ToHexStringLower(bytes);
    }

    private static string StringLiteral(string value)
    {
        var text = new StringBuilder();
        WriteString(text, value);
        return text.ToString();
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                WriteObject(text, obj);
                break;
            case JsonArray array:
                WriteArray(text, array);
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(text, node.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        // A parsed number's text is kept by its node and written back unchanged.
                        text.Append(node.ToJsonString());
                        break;
                    case JsonValueKind.True:
                        text.Append("true");
                        break;
                    case JsonValueKind.False:
                        text.Append("false");
                        break;
                    default:
                        text.Append("null");
                        break;
                }

                break;
        }
    }

    /// <summary>Writes an object with its members sorted by key (ordinal).</summary>
    private static void WriteObject(StringBuilder text, JsonObject obj)
    {
        var properties = obj.ToList();
        properties.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        text.Append('{');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            WriteString(text, properties[i].Key);
            text.Append(':');
            Write(text, properties[i].Value);
        }

        text.Append('}');
    }

    private static void WriteArray(StringBuilder text, JsonArray array)
    {
        text.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            Write(text, array[i]);
        }

        text.Append(']');
    }
}
