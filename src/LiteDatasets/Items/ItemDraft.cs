using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>The content of an item to add or upsert. A draft describes the whole content: absent means absent.</summary>
public sealed record ItemDraft
{
    /// <summary>
    /// The most payload an item may hold: the stored UTF-8 JSON of its input, expected output and metadata
    /// together (LiteDB's document limit, about 16 MB, less room for the revision's own fields). A draft over it
    /// is refused with <see cref="ErrorCode.InvalidPayload"/>.
    /// </summary>
    public const int MaxContentBytes = 16_000_000;

    /// <summary>Creates a draft with its input.</summary>
    /// <param name="Input">The item's input: any JSON value except null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="Input"/> is null.</exception>
    // The parameter keeps the property's name, as a positional record's would (callers may name it).
    public ItemDraft(JsonNode Input) => this.Input = Input;

    /// <summary>Gets the item's input: any JSON value except null.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public JsonNode Input
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Input), "A draft needs an input; null is not a valid input.");
    }

    /// <summary>Gets the id to give a new item; <see langword="null"/> (the default) generates a time-ordered UUID v7.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the caller's key for the item (up to 4,096 characters, unique among live items); <see langword="null"/> by default.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the expected output; <see langword="null"/> (or a JSON null) means none.</summary>
    public JsonNode? ExpectedOutput { get; init; }

    /// <summary>Gets the item's metadata; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets the input, as a positional record would.</summary>
    /// <param name="Input">The item's input.</param>
    public void Deconstruct(out JsonNode Input) => Input = this.Input;
}
