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
internal sealed record RevisionRecord(
    long RowId,
    int DatasetKey,
    string ItemId,
    long Seq,
    long ValidFrom,
    long ValidTo,
    string? ExternalId,
    string InputText,
    string? ExpectedText,
    string? MetadataText,
    byte[] Hash,
    long CreatedAt,
    long UpdatedAt)
{
    /// <summary>The validTo of a revision that is still live.</summary>
    public const long Open = long.MaxValue;

    /// <summary>Gets whether the revision is live at <paramref name="version"/>.</summary>
    public bool IsLiveAt(long version) => ValidFrom <= version && version < ValidTo;

    /// <summary>Returns the index key an external id is stored under: its SHA-256, cut to 16 bytes (the id itself may be 4,096 characters, longer than an index key).</summary>
    public static byte[] ExternalIdKey(string externalId) => SHA256.HashData(Encoding.UTF8.GetBytes(externalId)).AsSpan(0, 16).ToArray();

    /// <summary>Creates the revision document for new content.</summary>
    public static BsonDocument NewDocument(int datasetKey, string itemId, long seq, long validFrom, string? externalId, ItemContent content, byte[] hash, long createdAt, long updatedAt)
    {
        var doc = new BsonDocument
        {
            ["d"] = datasetKey,
            ["i"] = itemId,
            ["s"] = seq,
            ["f"] = validFrom,
            ["t"] = Open,
        };
        if (externalId is not null)
        {
            doc["x"] = ExternalIdKey(externalId);
            doc["e"] = externalId;
        }

        doc["in"] = content.InputText;
        if (content.ExpectedText is not null)
        {
            doc["eo"] = content.ExpectedText;
        }

        if (content.MetadataText is not null)
        {
            doc["md"] = content.MetadataText;
        }

        doc["h"] = hash;
        doc["c"] = createdAt;
        doc["u"] = updatedAt;
        return doc;
    }

    /// <summary>Rebuilds this revision's document, with <paramref name="validTo"/> as its validTo.</summary>
    public BsonDocument ToDocument(long validTo)
    {
        var doc = NewDocument(DatasetKey, ItemId, Seq, ValidFrom, ExternalId, new ItemContent(InputText, ExpectedText, MetadataText, "", null, null), Hash, CreatedAt, UpdatedAt);
        doc["_id"] = RowId;
        doc["t"] = validTo;
        return doc;
    }

    /// <summary>Reads a revision document.</summary>
    public static RevisionRecord From(BsonDocument doc) => new(
        doc["_id"].AsInt64,
        doc["d"].AsInt32,
        doc["i"].AsString,
        doc["s"].AsInt64,
        doc["f"].AsInt64,
        doc["t"].AsInt64,
        doc.TryGetValue("e", out var e) ? e.AsString : null,
        doc["in"].AsString,
        doc.TryGetValue("eo", out var eo) ? eo.AsString : null,
        doc.TryGetValue("md", out var md) ? md.AsString : null,
        doc["h"].AsBinary,
        doc["c"].AsInt64,
        doc["u"].AsInt64);

    /// <summary>Builds the public item: fresh payload nodes, owned by the caller.</summary>
    public DatasetItem ToItem(string datasetId) => new(
        ItemId,
        datasetId,
        ExternalId,
        PayloadEncoder.Parse(InputText),
        ExpectedText is null ? null : PayloadEncoder.Parse(ExpectedText),
        MetadataText is null ? null : (System.Text.Json.Nodes.JsonObject)PayloadEncoder.Parse(MetadataText),
        ValidFrom,
        Time.FromUnixMilliseconds(CreatedAt),
        Time.FromUnixMilliseconds(UpdatedAt));

    /// <summary>Rebuilds the content of this revision (with canonical forms).</summary>
    public ItemContent Content() => ItemContent.FromStored(InputText, ExpectedText, MetadataText);
}
