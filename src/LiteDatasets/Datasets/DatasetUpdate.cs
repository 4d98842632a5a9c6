using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// Changes to a dataset's definition for <see cref="IDatasetStore.UpdateDataset(string, DatasetUpdate, WriteOptions?)"/>.
/// A <see langword="null"/> property keeps the current value; the <c>Clear…</c> flags remove one.
/// </summary>
public sealed record DatasetUpdate
{
    /// <summary>Gets the new name, or <see langword="null"/> to keep it.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the new description, or <see langword="null"/> to keep it.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the new metadata, or <see langword="null"/> to keep it.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets the new input schema, or <see langword="null"/> to keep it.</summary>
    public JsonNode? InputSchema { get; init; }

    /// <summary>Gets the new expected-output schema, or <see langword="null"/> to keep it.</summary>
    public JsonNode? ExpectedOutputSchema { get; init; }

    /// <summary>Gets whether to remove the description; <see langword="false"/> by default.</summary>
    public bool ClearDescription { get; init; }

    /// <summary>Gets whether to remove the metadata; <see langword="false"/> by default.</summary>
    public bool ClearMetadata { get; init; }

    /// <summary>Gets whether to remove the input schema; <see langword="false"/> by default.</summary>
    public bool ClearInputSchema { get; init; }

    /// <summary>Gets whether to remove the expected-output schema; <see langword="false"/> by default.</summary>
    public bool ClearExpectedOutputSchema { get; init; }
}
