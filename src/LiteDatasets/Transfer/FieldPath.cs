using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Transfer;

/// <summary>
/// Where a mapping finds a value in a record: a plain name is a top-level field; a value that starts with
/// <c>/</c> is a JSON Pointer (RFC 6901) into the record, with <c>~1</c> for <c>/</c> and <c>~0</c> for <c>~</c>
/// in its reference tokens. Reading follows the pointer; writing (export's mapped shape) creates the objects
/// and arrays it passes through.
/// </summary>
internal sealed class FieldPath
{
    private readonly string[] _tokens;

    private FieldPath(string text, string[] tokens)
    {
        Text = text;
        _tokens = tokens;
    }

    /// <summary>Gets the path as the mapping gives it (used in messages).</summary>
    public string Text { get; }

    /// <summary>Gets whether the path is a JSON Pointer rather than a plain name.</summary>
    public bool IsPointer => Text.StartsWith('/');

    /// <summary>Gets whether the path looks inside a top-level field.</summary>
    public bool IsNested => _tokens.Length > 1;

    /// <summary>Gets the top-level field the path starts at (a CSV column).</summary>
    public string Top => _tokens[0];

    /// <summary>Gets the name the value takes in an item: the last reference token (<see cref="FieldMapping.NameOf"/>).</summary>
    public string Name => _tokens[^1];

    /// <summary>Gets whether this path lies inside the value <paramref name="outer"/> leads to.</summary>
    public bool StartsWith(FieldPath outer) =>
        outer._tokens.Length < _tokens.Length && outer._tokens.AsSpan().SequenceEqual(_tokens.AsSpan(0, outer._tokens.Length));

    /// <summary>Parses a mapping value.</summary>
    /// <exception cref="ArgumentException">A pointer with a <c>~</c> not followed by <c>0</c> or <c>1</c>.</exception>
    public static FieldPath Parse(string text)
    {
        if (!text.StartsWith('/'))
        {
            return new FieldPath(text, [text]);
        }

        var tokens = text[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], text);
        }

        return new FieldPath(text, tokens);
    }

    /// <summary>Finds the value the path names in <paramref name="record"/>; false when it leads nowhere.</summary>
    public bool TryRead(JsonObject record, out JsonNode? value)
    {
        value = record;
        foreach (var token in _tokens)
        {
            switch (value)
            {
                case JsonObject obj when obj.TryGetPropertyValue(token, out var child):
                    value = child;
                    break;
                case JsonArray array when ArrayIndex(token) is { } index && index < array.Count:
                    value = array[index];
                    break;
                default:
                    value = null;
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Puts <paramref name="value"/> where the path names in <paramref name="record"/>, creating what is missing
    /// on the way: an array where the next token is the index just past its end (<c>0</c> for a new one), else an
    /// object. Returns false when the path runs into a value of another kind (a string where it needs an object).
    /// </summary>
    public bool TryWrite(JsonObject record, JsonNode? value)
    {
        JsonNode container = record;
        for (var i = 0; i < _tokens.Length - 1; i++)
        {
            if (!TryStep(container, _tokens[i], _tokens[i + 1], out var child))
            {
                return false;
            }

            container = child!;
        }

        return TrySet(container, _tokens[^1], value);
    }

    /// <summary>Gets the child of <paramref name="container"/> at <paramref name="token"/>, creating it when it is missing.</summary>
    private static bool TryStep(JsonNode container, string token, string nextToken, out JsonNode? child)
    {
        child = null;
        var existing = container switch
        {
            JsonObject obj => obj.TryGetPropertyValue(token, out var found) ? found : null,
            JsonArray array => ArrayIndex(token) is { } index && index < array.Count ? array[index] : null,
            _ => null,
        };
        if (existing is JsonObject or JsonArray)
        {
            child = existing;
            return true;
        }

        if (existing is not null)
        {
            return false;
        }

        child = ArrayIndex(nextToken) == 0 ? new JsonArray() : new JsonObject();
        return TrySet(container, token, child);
    }

    private static bool TrySet(JsonNode container, string token, JsonNode? value)
    {
        switch (container)
        {
            case JsonObject obj:
                obj[token] = value;
                return true;
            case JsonArray array when ArrayIndex(token) is { } index && index <= array.Count:
                if (index == array.Count)
                {
                    array.Add(value);
                }
                else
                {
                    array[index] = value;
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads an array index token: digits without a leading zero (RFC 6901); null for anything else.</summary>
    private static int? ArrayIndex(string token)
    {
        if (token.Length == 0 || (token.Length > 1 && token[0] == '0') || !token.All(char.IsAsciiDigit))
        {
            return null;
        }

        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private static string Unescape(string token, string pointer)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '~' && (i + 1 == token.Length || token[i + 1] is not ('0' or '1')))
            {
                throw new ArgumentException(
                    $"The JSON Pointer '{Errors.Shorten(pointer)}' has a '~' that is not followed by 0 or 1; write ~0 for '~' and ~1 for '/' in a field name.", nameof(pointer));
            }
        }

        // In this order, so that "~01" becomes "~1" and not "/".
        return token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
    }
}
