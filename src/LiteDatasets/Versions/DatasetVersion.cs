namespace LiteDatasets;

/// <summary>One version of a dataset: what its commit did and what the dataset held after it.</summary>
/// <param name="DatasetId">The dataset's id.</param>
/// <param name="Number">The version number (0 is the empty dataset at creation).</param>
/// <param name="CreatedAt">When the version was committed; never earlier than the previous version.</param>
/// <param name="Message">The commit message, or <see langword="null"/>.</param>
/// <param name="Added">Items added by this version.</param>
/// <param name="Updated">Items changed by this version.</param>
/// <param name="Deleted">Items deleted by this version.</param>
/// <param name="ItemCount">Live items after this version.</param>
/// <param name="SchemaChanged">Whether this version changed a schema.</param>
/// <param name="Tags">The tags naming this version, in ordinal order.</param>
/// <param name="Fingerprint">
/// The content fingerprint: the sum, modulo 2^256, of the SHA-256 of each live item's canonical JSON
/// (<c>{"expectedOutput","externalId","id","input","metadata"}</c>), as 64 lowercase hex digits.
/// </param>
public sealed record DatasetVersion(
    string DatasetId,
    long Number,
    DateTimeOffset CreatedAt,
    string? Message,
    int Added,
    int Updated,
    int Deleted,
    long ItemCount,
    bool SchemaChanged,
    IReadOnlyList<string> Tags,
    string Fingerprint);
