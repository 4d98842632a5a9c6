using System.Security.Cryptography;
using System.Text;
using LiteDatasets.Json;
using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>
/// One stored state of one item, live for the versions <c>[ValidFrom, ValidTo)</c>. Only
/// <see cref="ValidTo"/> ever changes after insertion (from <see cref="Open"/> to the closing version);
/// that single transition is what lets readers find the live set of a version without locks.
/// </summary>
/// <remarks>
/// The document is kept small (its size is most of the file's): short field names, item ids that are
/// GUIDs stored as 16-byte values, the creation time only when it differs from the update time, and no
/// stored content hash (<see cref="Hash"/> is computed from the content when needed).
/// </remarks>
internal sealed record RevisionRecord(
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

    /// <summary>Returns the index key an external id is stored under: its SHA-256, cut to 16 bytes (the id itself may be 4,096 characters, longer than an index key).</summary>
    public static byte[] ExternalIdKey(string externalId) => SHA256.HashData(Encoding.UTF8.GetBytes(externalId)).AsSpan(0, 16).ToArray();

    /// <summary>Returns how an item id is stored and looked up: a GUID in its canonical text form as a 16-byte value, anything else as text.</summary>
    public static BsonValue ItemKey(string itemId) =>
        itemId.Length == 36 && Guid.TryParseExact(itemId, "D", out var guid) && guid.ToString("D") == itemId ? new BsonValue(guid) : new BsonValue(itemId);

    /// <summary>Creates the revision document for new content.</summary>
    public static BsonDocument NewDocument(int datasetKey, string itemId, long seq, long validFrom, string? externalId, ItemContent content, long createdAt, long updatedAt)
    {
        var doc = new BsonDocument
        {
            ["d"] = datasetKey,
            ["i"] = ItemKey(itemId),
            ["s"] = seq,
            ["f"] = validFrom,
            ["t"] = Open,
        };
        if (externalId is not null)
        {
            doc["x"] = ExternalIdKey(externalId);
            doc["e"] = externalId;
        }

        // Payloads are stored as UTF-8 JSON bytes: neither writing nor reading them goes through UTF-16.
        doc["in"] = content.Input;
        if (content.Expected is not null)
        {
            doc["eo"] = content.Expected;
        }

        if (content.Metadata is not null)
        {
            doc["md"] = content.Metadata;
        }

        doc["u"] = updatedAt;
        if (createdAt != updatedAt)
        {
            doc["c"] = createdAt;
        }

        return doc;
    }

    /// <summary>Rebuilds this revision's document, with <paramref name="validTo"/> as its validTo.</summary>
    public BsonDocument ToDocument(long validTo)
    {
        var doc = NewDocument(DatasetKey, ItemId, Seq, ValidFrom, ExternalId, new ItemContent(Input, Expected, Metadata, "", null, null), CreatedAt, UpdatedAt);
        doc["_id"] = RowId;
        doc["t"] = validTo;
        return doc;
    }

    /// <summary>Reads a revision document.</summary>
    public static RevisionRecord From(BsonDocument doc)
    {
        var id = doc["i"];
        var updatedAt = doc["u"].AsInt64;
        return new(
            doc["_id"].AsInt64,
            doc["d"].AsInt32,
            id.IsGuid ? id.AsGuid.ToString("D") : id.AsString,
            doc["s"].AsInt64,
            doc["f"].AsInt64,
            doc["t"].AsInt64,
            doc.TryGetValue("e", out var e) ? e.AsString : null,
            doc["in"].AsBinary,
            doc.TryGetValue("eo", out var eo) ? eo.AsBinary : null,
            doc.TryGetValue("md", out var md) ? md.AsBinary : null,
            doc.TryGetValue("c", out var c) ? c.AsInt64 : updatedAt,
            updatedAt);
    }

    /// <summary>Builds the public item: fresh payload nodes, owned by the caller.</summary>
    public DatasetItem ToItem(string datasetId) => new(
        ItemId,
        datasetId,
        ExternalId,
        PayloadEncoder.Parse(Input),
        Expected is null ? null : PayloadEncoder.Parse(Expected),
        Metadata is null ? null : (System.Text.Json.Nodes.JsonObject)PayloadEncoder.Parse(Metadata),
        ValidFrom,
        Time.FromUnixMilliseconds(CreatedAt),
        Time.FromUnixMilliseconds(UpdatedAt));

    /// <summary>Rebuilds the content of this revision (with canonical forms).</summary>
    public ItemContent Content() => _content ??= ItemContent.FromStored(Input, Expected, Metadata);
}
