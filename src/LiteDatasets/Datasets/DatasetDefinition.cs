using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>Describes a dataset to create with <see cref="IDatasetStore.CreateDataset"/>.</summary>
/// <param name="Name">The dataset's name: 1–256 characters, no control characters, unique in the store ignoring case.</param>
public sealed record DatasetDefinition(string Name)
{
    /// <summary>Gets the id to give the dataset; <see langword="null"/> (the default) generates one.</summary>
    public string? Id { get; init; }

    /// <summary>Gets a free-text description; <see langword="null"/> by default.</summary>
    public string? Description { get; init; }

    /// <summary>Gets arbitrary metadata about the dataset; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets the JSON Schema every item input must satisfy; <see langword="null"/> (no schema) by default.</summary>
    public JsonNode? InputSchema { get; init; }

    /// <summary>Gets the JSON Schema every expected output must satisfy; <see langword="null"/> (no schema) by default.</summary>
    public JsonNode? ExpectedOutputSchema { get; init; }
}
