using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace LiteDatasets.Tests.Json;

/// <summary>FsCheck generators of JSON text written the ways real files write it.</summary>
public static class JsonGenerators
{
    /// <summary>The deepest nesting the store accepts (the root container is level 1).</summary>
    public const int MaxDepth = 64;

    private static readonly string[] TrickyNumbers =
    [
        "0", "-0", "0.0", "-0.0", "1", "1.0", "1.00", "-1", "1e2", "1E2", "1e+2", "1E-2", "100", "0e0",
        "1e400", "-1e400", "1e-400", "0.1e-7", "9007199254740993", "-9007199254740993", "18446744073709551616",
        "123456789012345678901234567890.123456789012345678901234567890", "4.9e-324", "2.2250738585072014e-308",
        "1.7976931348623157e308", "1.7976931348623157e309", "0.30000000000000004", "5e-324", "1e-7",
    ];

    // Characters written as themselves: ASCII, Latin, CJK, combining marks, astral pairs, separators,
    // the byte order mark, private use, noncharacters, DEL and a C1 control.
    private static readonly string[] RawCharacters =
    [
        "a", "z", "A", "Z", "0", "9", " ", "/", "'", "<", ">", "&", "+", "`", "~", "{", "}", "[", "]", ":", ",",
        "é", "ß", "ÿ", "Ω", "ж", "中", "文", "한", "\u0301", "\u00ad", "\u200b", "\u2028", "\u2029", "\ufeff",
        "\ufffd", "\uffff", "\ue000", "\u007f", "\u0085", "\u0378",
        "\U0001F600", "\U0001F4A9", "\U00010000", "\U0010FFFF", "\U0001D11E",
    ];

    private static readonly (string Decoded, string Encoded)[] ShortEscapes =
    [
        ("\"", "\\\""), ("\\", "\\\\"), ("/", "\\/"), ("\b", "\\b"), ("\f", "\\f"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"),
    ];

    // Object keys that differ only in case, sort differently by ordinal and by culture, or need
    // escaping in a JSON Pointer.
    private static readonly string[] KeyPool = ["a", "A", "key", "Key", "KEY", "é", "É", "", "a/b", "~", "~1", "_", "1", "10", "2", "\U0001F600", "\u00e9", "e\u0301"];

    private static readonly string[] Whitespace = ["", "", "", "", " ", "\n", "\t", "\r\n  "];

    /// <summary>Gets cases of ordinary size with, now and then, one payload nested up to 64 levels.</summary>
    public static Gen<JsonCase> Cases =>
        from input in Gen.Frequency((5, Value(4, allowNull: false)), (1, Deep(rootIsObject: false)))
        from expected in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, Value(3, allowNull: true).Select(t => (string?)t)), (1, Deep(rootIsObject: false).Select(t => (string?)t)))
        from metadata in Gen.Frequency((1, Gen.Constant<string?>(null)), (4, ObjectText(3).Select(t => (string?)t)), (1, Deep(rootIsObject: true).Select(t => (string?)t)))
        select new JsonCase(input, expected, metadata);

    public static Gen<JsonVariantCase> VariantCases =>
        from json in Cases
        from seed in Gen.Choose(0, int.MaxValue)
        select new JsonVariantCase(json, seed);

    /// <summary>A JSON value with containers at most <paramref name="depth"/> levels deep.</summary>
    public static Gen<string> Value(int depth, bool allowNull) =>
        depth <= 0
            ? Scalar(allowNull)
            : Gen.Frequency((3, Scalar(allowNull)), (1, ArrayText(depth)), (1, ObjectText(depth)));

    /// <summary>A JSON object with distinct keys (by their decoded text), values up to <paramref name="depth"/> levels deep in all.</summary>
    public static Gen<string> ObjectText(int depth) =>
        from count in Gen.Sized(size => Gen.Choose(0, Math.Min(6, 1 + (size / 10))))
        from keys in Gen.ListOf(Key, count)
        from values in Gen.ListOf(Value(depth - 1, allowNull: true), count)
        from spaces in Gen.ListOf(Gen.Elements(Whitespace), (2 * count) + 1)
        select JoinObject(keys, values, spaces);

    /// <summary>A JSON array with elements up to <paramref name="depth"/> levels deep in all.</summary>
    public static Gen<string> ArrayText(int depth) =>
        from count in Gen.Sized(size => Gen.Choose(0, Math.Min(6, 1 + (size / 10))))
        from values in Gen.ListOf(Value(depth - 1, allowNull: true), count)
        from spaces in Gen.ListOf(Gen.Elements(Whitespace), count + 1)
        select "[" + string.Concat(values.Select((v, i) => spaces[i] + v + (i + 1 < count ? "," : ""))) + spaces[count] + "]";

    /// <summary>
    /// A chain of 1 to 64 nested containers (objects and arrays, some with siblings), ending in an empty or
    /// flat container; with <paramref name="rootIsObject"/> the outermost is an object.
    /// </summary>
    public static Gen<string> Deep(bool rootIsObject) =>
        from levels in Gen.Frequency((1, Gen.Constant(MaxDepth)), (3, Gen.Choose(1, MaxDepth)))
        from kinds in Gen.ListOf(Gen.Elements(true, false), levels)
        from keys in Gen.ListOf(Key, levels)
        from siblings in Gen.ListOf(Gen.Frequency((3, Gen.Constant<string?>(null)), (1, Scalar(allowNull: true).Select(s => (string?)s))), levels)
        from innermost in Gen.Elements("[]", "{}", "[1,\"x\",null]", "{\"k\":\"v\"}")
        select Nest(levels, kinds, keys, siblings, innermost, rootIsObject);

    /// <summary>A scalar: string, number, true, false, or (when allowed) null.</summary>
    public static Gen<string> Scalar(bool allowNull) =>
        allowNull
            ? Gen.Frequency((4, StringLiteral), (4, Number), (1, Gen.Constant("true")), (1, Gen.Constant("false")), (1, Gen.Constant("null")))
            : Gen.Frequency((4, StringLiteral), (4, Number), (1, Gen.Constant("true")), (1, Gen.Constant("false")));

    /// <summary>A number as text: tricky spellings and random ones (big, tiny, long fractions, exponents).</summary>
    public static Gen<string> Number => Gen.Frequency((3, Gen.Elements(TrickyNumbers)), (2, RandomNumber()));

    /// <summary>A string literal mixing raw characters, short escapes, <c>\uXXXX</c> escapes and escaped surrogate pairs.</summary>
    public static Gen<string> StringLiteral =>
        Gen.Sized(size => Gen.Choose(0, Math.Min(16, 1 + (size / 5))))
            .SelectMany(n => Gen.ListOf(Piece(), n))
            .Select(pieces => "\"" + string.Concat(pieces.Select(p => p.Encoded)) + "\"");

    /// <summary>An object key as (decoded text, JSON literal).</summary>
    private static Gen<(string Decoded, string Literal)> Key => Gen.Frequency(
        (3, Gen.Elements(KeyPool).SelectMany(k => EncodeEach(k))),
        (2, Gen.Choose(0, 6).SelectMany(n => Gen.ListOf(Piece(), n)).Select(pieces => (string.Concat(pieces.Select(p => p.Decoded)), "\"" + string.Concat(pieces.Select(p => p.Encoded)) + "\""))));

    private static Gen<(string Decoded, string Encoded)> Piece() => Gen.Frequency(
        (8, Gen.Elements(RawCharacters).Select(c => (c, c))),
        (2, Gen.Elements(ShortEscapes)),
        (2, Gen.Choose(0, 0xFFFF).Where(c => c is < 0xD800 or > 0xDFFF).SelectMany(c => Hex(c).Select(h => (((char)c).ToString(), "\\u" + h)))),
        (1, Gen.Choose(0, 0x1F).SelectMany(c => Hex(c).Select(h => (((char)c).ToString(), "\\u" + h)))),
        (1, Gen.Choose(0x10000, 0x10FFFF).SelectMany(cp => EscapedPair(cp))));

    /// <summary>Writes each character of a key raw or as a <c>\uXXXX</c> escape.</summary>
    private static Gen<(string Decoded, string Literal)> EncodeEach(string key)
    {
        var units = key.ToCharArray();
        return Gen.ListOf(Gen.Elements(true, false), units.Length).SelectMany(escape =>
            Gen.ListOf(Gen.Elements(true, false), units.Length).Select(upper =>
            {
                var literal = new StringBuilder("\"");
                for (var i = 0; i < units.Length; i++)
                {
                    var c = units[i];
                    var mustEscape = c is '"' or '\\' or < ' ';
                    if (escape[i] || mustEscape || char.IsSurrogate(c))
                    {
                        var hex = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
                        literal.Append("\\u").Append(upper[i] ? hex.ToUpperInvariant() : hex);
                    }
                    else
                    {
                        literal.Append(c);
                    }
                }

                return (key, literal.Append('"').ToString());
            }));
    }

    private static Gen<(string Decoded, string Encoded)> EscapedPair(int codePoint)
    {
        var text = char.ConvertFromUtf32(codePoint);
        return from high in Hex(text[0])
               from low in Hex(text[1])
               select (text, "\\u" + high + "\\u" + low);
    }

    private static Gen<string> Hex(int value) =>
        Gen.Elements(true, false).Select(upper => value.ToString(upper ? "X4" : "x4", CultureInfo.InvariantCulture));

    private static Gen<string> Digits(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ListOf(Gen.Elements("0123456789".ToCharArray()), n)).Select(d => new string([.. d]));

    private static Gen<string> RandomNumber() =>
        from sign in Gen.Elements("", "-")
        from integer in Gen.Frequency((1, Gen.Constant("0")), (3, Gen.Elements("123456789".ToCharArray()).SelectMany(first => Digits(0, 40).Select(rest => first + rest))))
        from fraction in Gen.Frequency((1, Gen.Constant("")), (1, Digits(1, 30).Select(d => "." + d)))
        from exponent in Gen.Frequency((2, Gen.Constant("")), (1, from e in Gen.Elements("e", "E") from s in Gen.Elements("", "+", "-") from d in Digits(1, 4) select e + s + d))
        select sign + integer + fraction + exponent;

    private static string JoinObject(List<(string Decoded, string Literal)> keys, List<string> values, List<string> spaces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            if (seen.Add(keys[i].Decoded))
            {
                members.Add(spaces[2 * i] + keys[i].Literal + spaces[(2 * i) + 1] + ":" + values[i]);
            }
        }

        return "{" + string.Join(",", members) + spaces[^1] + "}";
    }

    private static string Nest(int levels, List<bool> arrays, List<(string Decoded, string Literal)> keys, List<string?> siblings, string innermost, bool rootIsObject)
    {
        var text = innermost;
        if (levels == 1)
        {
            return rootIsObject && !innermost.StartsWith('{') ? "{}" : innermost;
        }

        for (var level = levels - 2; level >= 0; level--)
        {
            var array = arrays[level] && !(rootIsObject && level == 0);
            var sibling = siblings[level];
            if (array)
            {
                text = sibling is null ? "[" + text + "]" : "[" + sibling + "," + text + "]";
            }
            else
            {
                // The sibling's key must differ from the chain's key.
                var key = keys[level].Literal;
                text = sibling is null || keys[level].Decoded == "s" ? "{" + key + ":" + text + "}" : "{" + key + ":" + text + ",\"s\":" + sibling + "}";
            }
        }

        return text;
    }
}
