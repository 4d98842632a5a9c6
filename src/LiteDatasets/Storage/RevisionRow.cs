using LiteDatasets.Json;
using LiteDatasets.Services;

namespace LiteDatasets.Storage;

/// <summary>
/// One stored state of one item, live for the versions <c>[ValidFrom, ValidTo)</c>. Only
/// <see cref="ValidTo"/> ever changes after insertion (from <see cref="Open"/> to the closing version);
/// that single transition is what lets readers find the live set of a version without locks.
/// </summary>
/// <param name="RowId">The engine's identity of the row (0 until the engine has stored it).</param>
/// <param name="DatasetKey">The dataset's <see cref="DatasetRow.Key"/>.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="Seq">The item's place in first-added order (every revision of an item shares it).</param>
/// <param name="ValidFrom">The version at which this content became current.</param>
/// <param name="ValidTo">The version at which it stopped being current, or <see cref="Open"/>.</param>
/// <param name="ExternalId">The item's external id.</param>
/// <param name="Input">The input as stored UTF-8 JSON.</param>
/// <param name="Expected">The expected output as stored UTF-8 JSON, or null.</param>
/// <param name="Metadata">The metadata as stored UTF-8 JSON, or null.</param>
/// <param name="CreatedAt">When the item was first added (UTC milliseconds).</param>
/// <param name="UpdatedAt">When this content was committed (UTC milliseconds).</param>
internal sealed record RevisionRow(
    long RowId,
    int DatasetKey,
    string ItemId,
    long Seq,
    long ValidFrom,
    long ValidTo,
    string? ExternalId,
    byte[] Input,
    byte[]? Expected,
    byte[]? Metadata,
    long CreatedAt,
    long UpdatedAt)
{
    /// <summary>The validTo of a revision that is still live.</summary>
    public const long Open = long.MaxValue;

    private byte[]? _hash;
    private ItemContent? _content;

    /// <summary>Gets the item's fingerprint term: SHA-256 of its canonical JSON (see <see cref="ItemContent.Hash"/>).</summary>
    public byte[] Hash
    {
        get => _hash ??= Content().Hash(ItemId, ExternalId);
        init => _hash = value;
    }

    /// <summary>Gets whether the revision is live at <paramref name="version"/>.</summary>
    public bool IsLiveAt(long version) => ValidFrom <= version && version < ValidTo;

    /// <summary>Builds the public item: fresh payload nodes, owned by the caller.</summary>
    public DatasetItem ToItem(string datasetId) => new(
        ItemId,
        datasetId,
        ExternalId,
        PayloadEncoder.Parse(Input),
        Expected is null ? null : PayloadEncoder.Parse(Expected),
        Metadata is null ? null : PayloadEncoder.ParseObject(Metadata),
        ValidFrom,
        Time.FromUnixMilliseconds(CreatedAt),
        Time.FromUnixMilliseconds(UpdatedAt));

    /// <summary>Rebuilds the content of this revision (with canonical forms).</summary>
    public ItemContent Content() => _content ??= ItemContent.FromStored(Input, Expected, Metadata);
}
