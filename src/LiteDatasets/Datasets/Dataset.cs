using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>A dataset as stored: its definition, current version and live item count.</summary>
/// <param name="Id">The dataset's id.</param>
/// <param name="Name">The dataset's name (unique in the store, ignoring case).</param>
/// <param name="Description">The description, or <see langword="null"/>.</param>
/// <param name="Metadata">The metadata (the caller's own copy), or <see langword="null"/>.</param>
/// <param name="InputSchema">The input schema in force (the caller's own copy), or <see langword="null"/>.</param>
/// <param name="ExpectedOutputSchema">The expected-output schema in force, or <see langword="null"/>.</param>
/// <param name="Version">The current version (0 for a new, empty dataset).</param>
/// <param name="ItemCount">The number of live items at <paramref name="Version"/>.</param>
/// <param name="CreatedAt">When the dataset was created (UTC, millisecond precision).</param>
/// <param name="UpdatedAt">When the dataset or its items last changed (UTC, millisecond precision).</param>
public sealed record Dataset(
    string Id,
    string Name,
    string? Description,
    JsonObject? Metadata,
    JsonNode? InputSchema,
    JsonNode? ExpectedOutputSchema,
    long Version,
    long ItemCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
