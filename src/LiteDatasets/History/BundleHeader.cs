namespace LiteDatasets.History;

/// <summary>The first record of a bundle: the dataset as it is now, with the schemas it was created with (those in force at version 0).</summary>
internal sealed record BundleHeader(
    long Line,
    string DatasetId,
    string Name,
    string? Description,
    string? MetadataText,
    string? InputSchemaText,
    string? ExpectedOutputSchemaText,
    long CreatedAt,
    long UpdatedAt,
    long Versions) : BundleEntry(Line);
