namespace LiteDatasets.Storage;

/// <summary>The schemas a dataset has in force from a version on (one row per change, and one at creation).</summary>
/// <param name="DatasetKey">The dataset's <see cref="DatasetRow.Key"/>.</param>
/// <param name="Version">The version from which they are in force.</param>
/// <param name="InputSchemaText">The input schema as stored JSON text, or null.</param>
/// <param name="ExpectedOutputSchemaText">The expected-output schema as stored JSON text, or null.</param>
internal sealed record SchemaRow(int DatasetKey, long Version, string? InputSchemaText, string? ExpectedOutputSchemaText);
