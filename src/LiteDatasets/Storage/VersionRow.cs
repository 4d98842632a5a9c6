using LiteDatasets.Services;

namespace LiteDatasets.Storage;

/// <summary>A commit as an engine stores it: what it did and the counters after it.</summary>
/// <param name="DatasetKey">The dataset's <see cref="DatasetRow.Key"/>.</param>
/// <param name="Number">The version number.</param>
/// <param name="CreatedAt">When it was committed (UTC milliseconds).</param>
/// <param name="Message">The caller's or the store's message.</param>
/// <param name="Added">Items it added.</param>
/// <param name="Updated">Items it changed.</param>
/// <param name="Deleted">Items it deleted.</param>
/// <param name="ItemCount">Live items after it.</param>
/// <param name="SchemaChanged">Whether it changed a schema.</param>
/// <param name="LastSeq">The highest sequence number after it.</param>
/// <param name="Fingerprint">Its fingerprint (32 bytes).</param>
/// <param name="Revived">
/// The ids of items a restore brought back in this version. A revived item keeps its old place, so no
/// order of revisions finds it by version; a diff reads it from here.
/// </param>
internal sealed record VersionRow(
    int DatasetKey,
    long Number,
    long CreatedAt,
    string? Message,
    int Added,
    int Updated,
    int Deleted,
    long ItemCount,
    bool SchemaChanged,
    long LastSeq,
    byte[] Fingerprint,
    IReadOnlyList<string> Revived)
{
    /// <summary>Builds the public version.</summary>
    public DatasetVersion ToVersion(string datasetId, IReadOnlyList<string> tags) => new(
        datasetId, Number, Time.FromUnixMilliseconds(CreatedAt), Message, Added, Updated, Deleted, ItemCount, SchemaChanged, tags, LiteDatasets.Fingerprint.ToHex(Fingerprint));
}
