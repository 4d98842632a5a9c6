using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// A partial change to an item for <see cref="IDatasetStore.UpdateItem"/>. A <see langword="null"/> property keeps
/// the current value; the <c>Clear…</c> flags remove one.
/// </summary>
public sealed record ItemPatch
{
    /// <summary>Gets the new input, or <see langword="null"/> to keep it.</summary>
    public JsonNode? Input { get; init; }

    /// <summary>Gets the new expected output, or <see langword="null"/> to keep it.</summary>
    public JsonNode? ExpectedOutput { get; init; }

    /// <summary>Gets the new metadata, or <see langword="null"/> to keep it.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets whether to remove the expected output; <see langword="false"/> by default.</summary>
    public bool ClearExpectedOutput { get; init; }

    /// <summary>Gets whether to remove the metadata; <see langword="false"/> by default.</summary>
    public bool ClearMetadata { get; init; }
}
