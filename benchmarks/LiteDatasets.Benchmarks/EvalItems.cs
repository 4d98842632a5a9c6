using System.Text.Json.Nodes;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Realistic evaluation items, generated deterministically: a question of about 150 characters, a short
/// answer and a small metadata object (about 300 bytes of JSON in all).
/// </summary>
public static class EvalItems
{
    private static readonly string[] Words =
    [
        "train", "apples", "distance", "hours", "price", "students", "garden", "litres", "weekly", "total",
        "baker", "tickets", "rectangle", "savings", "marbles", "recipe", "minutes", "factory", "share", "ratio",
    ];

    /// <summary>Returns draft number <paramref name="index"/>.</summary>
    public static ItemDraft Draft(int index, string? externalId = null) =>
        new(JsonValue.Create(Question(index)))
        {
            ExpectedOutput = JsonValue.Create(Answer(index)),
            Metadata = new JsonObject
            {
                ["split"] = index % 10 == 0 ? "test" : "train",
                ["difficulty"] = index % 5,
                ["source"] = "generated",
            },
            ExternalId = externalId,
        };

    /// <summary>Returns <paramref name="count"/> drafts starting at <paramref name="start"/>.</summary>
    public static List<ItemDraft> Drafts(int start, int count, bool withExternalIds = false) =>
        Enumerable.Range(start, count).Select(i => Draft(i, withExternalIds ? "ext-" + i : null)).ToList();

    /// <summary>Returns the question text of item <paramref name="index"/> (about 150 characters).</summary>
    public static string Question(int index)
    {
        var random = new Random(index);
        var words = new List<string>();
        var length = 0;
        while (length < 140)
        {
            var word = Words[random.Next(Words.Length)];
            words.Add(word);
            length += word.Length + 1;
        }

        return $"Q{index}: " + string.Join(' ', words) + "?";
    }

    /// <summary>Returns the answer of item <paramref name="index"/>.</summary>
    public static string Answer(int index) => "#### " + ((index * 7919) % 1000);
}
