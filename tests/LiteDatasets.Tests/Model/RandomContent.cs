using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>Seeded random item content for the model run, and variants of existing content.</summary>
public sealed class RandomContent(Random random)
{
    // Keys that differ only in case or sort differently by ordinal order than by culture.
    private static readonly string[] Keys = ["a", "A", "b", "B", "é", "É", "id", "Id", "q", "Q", "z", "a b", "_", "1", "10", "2", " ", "ä", "Z"];

    // Characters whose canonical text does not depend on the escaping a JSON writer chooses; the others are
    // covered by FingerprintTests (and round-trip by the JSON property tests).
    private static readonly string[] Characters = ["a", "b", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "é", "ß", "中", "ñ", "<", "&", "'", "+"];

    private static readonly string[] Numbers = ["0", "1", "-1", "1.0", "-0", "1e2", "1E2", "1e400", "9007199254740993", "0.1e-7", "3.14159", "-2.50", "100", "1.0e0", "12"];

    public Random Random => random;

    /// <summary>Returns new content: an input, an expected output 60% of the time, metadata half the time.</summary>
    public ModelContent NewContent()
    {
        var input = JsonNode.Parse(Value(random.Next(0, 4), allowNull: false))!;
        var expected = random.NextDouble() < 0.6 ? JsonNode.Parse(Value(random.Next(0, 3), allowNull: false)) : null;
        var metadata = random.NextDouble() < 0.5 ? JsonNode.Parse(ObjectText(random.Next(1, 3)))!.AsObject() : null;
        return ModelContent.Of(input, expected, metadata);
    }

    /// <summary>Returns a JSON value text with containers nested at most <paramref name="depth"/> deep.</summary>
    public string Value(int depth, bool allowNull)
    {
        if (depth == 0 || random.NextDouble() < 0.35)
        {
            return Scalar(allowNull);
        }

        if (random.Next(2) == 0)
        {
            var count = random.Next(0, 5);
            return "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => Value(depth - 1, allowNull: true))) + "]";
        }

        return ObjectText(depth);
    }

    /// <summary>Returns a JSON object text (distinct keys, in random order).</summary>
    public string ObjectText(int depth)
    {
        var keys = Enumerable.Range(0, random.Next(0, 5)).Select(_ => Key()).Distinct(StringComparer.Ordinal).ToList();
        var text = new StringBuilder("{");
        for (var i = 0; i < keys.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            CanonicalJson.WriteString(text, keys[i]);
            text.Append(':').Append(Value(Math.Max(0, depth - 1), allowNull: true));
        }

        return text.Append('}').ToString();
    }

    /// <summary>Returns the same content with every object's keys reordered (identical by the canonical form).</summary>
    public ModelContent Reordered(ModelContent content) => new(
        Reorder(content.Input)!,
        Reorder(content.Expected),
        Reorder(content.Metadata));

    /// <summary>Returns the content with one number of its input written another way, or null if the input has no number.</summary>
    public ModelContent? Respelled(ModelContent content)
    {
        var input = JsonNode.Parse(content.Input)!;
        var numbers = JsonText.Numbers(input);
        if (numbers.Count == 0)
        {
            return null;
        }

        var text = JsonText.Write(input, respell: numbers[random.Next(numbers.Count)]);
        return new ModelContent(JsonNode.Parse(text)!.ToJsonString(), content.Expected, content.Metadata);
    }

    /// <summary>Returns a variant of existing content for an update: changed, identical, reordered or respelled.</summary>
    public ModelContent Variant(ModelContent content)
    {
        var roll = random.NextDouble();
        if (roll < 0.4)
        {
            return NewContent();
        }

        if (roll < 0.6)
        {
            return content;
        }

        if (roll < 0.85)
        {
            return Reordered(content);
        }

        return Respelled(content) ?? NewContent();
    }

    /// <summary>Builds a draft holding exactly <paramref name="content"/>.</summary>
    public static ItemDraft Draft(ModelContent content, string? id, string? externalId) =>
        new(JsonNode.Parse(content.Input)!)
        {
            Id = id,
            ExternalId = externalId,
            ExpectedOutput = content.Expected is null ? null : JsonNode.Parse(content.Expected),
            Metadata = content.Metadata is null ? null : JsonNode.Parse(content.Metadata)!.AsObject(),
        };

    public string Message() => random.Next(6) switch
    {
        0 => "seed",
        1 => "fix typos in expected outputs",
        2 => "ünïcödé ✓ 中文",
        3 => "two\nlines",
        4 => "emoji 😀 and a \"quote\"",
        _ => "import " + random.Next(1000).ToString(CultureInfo.InvariantCulture),
    };

    private string? Reorder(string? text) =>
        text is null ? null : JsonNode.Parse(JsonText.Write(JsonNode.Parse(text), random))!.ToJsonString();

    private string Scalar(bool allowNull)
    {
        var roll = random.Next(allowNull ? 20 : 19);
        return roll switch
        {
            < 8 => StringText(),
            < 16 => Numbers[random.Next(Numbers.Length)],
            17 => "true",
            18 => "false",
            19 => "null",
            _ => StringText(),
        };
    }

    private string StringText()
    {
        var value = new StringBuilder();
        var length = random.Next(0, 8);
        for (var i = 0; i < length; i++)
        {
            value.Append(Characters[random.Next(Characters.Length)]);
        }

        var text = new StringBuilder();
        CanonicalJson.WriteString(text, value.ToString());
        return text.ToString();
    }

    private string Key() => random.Next(4) == 0
        ? new string((char)('a' + random.Next(26)), random.Next(1, 4))
        : Keys[random.Next(Keys.Length)];
}
