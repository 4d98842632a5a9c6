namespace LiteDatasets.History;

/// <summary>
/// A version of the history, followed in the bundle by its changes. A version changes items or, alone, the
/// schemas (<see cref="SchemaChanged"/>, with the schemas in force from it on); the counts and the fingerprint
/// are what the version recorded, and a replay must arrive at the same.
/// </summary>
internal sealed record BundleVersion(
    long Line,
    long Number,
    long CreatedAt,
    string? Message,
    int Added,
    int Updated,
    int Deleted,
    long ItemCount,
    byte[] Fingerprint,
    bool SchemaChanged,
    string? InputSchemaText,
    string? ExpectedOutputSchemaText) : BundleEntry(Line);
