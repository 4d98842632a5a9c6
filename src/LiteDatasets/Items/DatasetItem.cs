using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>An item as it is (or was) at some version. Payload nodes are the caller's own copies.</summary>
/// <param name="Id">The item's id, stable for its whole life.</param>
/// <param name="DatasetId">The id of the dataset holding the item.</param>
/// <param name="ExternalId">The caller's key, or <see langword="null"/>.</param>
/// <param name="Input">The input.</param>
/// <param name="ExpectedOutput">The expected output, or <see langword="null"/> when absent.</param>
/// <param name="Metadata">The metadata, or <see langword="null"/> when absent.</param>
/// <param name="Version">The version at which this content became current.</param>
/// <param name="CreatedAt">When the item was first added.</param>
/// <param name="UpdatedAt">When this content became current.</param>
public sealed record DatasetItem(
    string Id,
    string DatasetId,
    string? ExternalId,
    JsonNode Input,
    JsonNode? ExpectedOutput,
    JsonObject? Metadata,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
