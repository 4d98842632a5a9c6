using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>The content of an item to add or upsert. A draft describes the whole content: absent means absent.</summary>
/// <param name="Input">The item's input: any JSON value except null.</param>
public sealed record ItemDraft(JsonNode Input)
{
    /// <summary>Gets the id to give a new item; <see langword="null"/> (the default) generates a time-ordered UUID v7.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the caller's key for the item (up to 4,096 characters, unique among live items); <see langword="null"/> by default.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the expected output; <see langword="null"/> (or a JSON null) means none.</summary>
    public JsonNode? ExpectedOutput { get; init; }

    /// <summary>Gets the item's metadata; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }
}
