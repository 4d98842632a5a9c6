using System.Security.Cryptography;
using System.Text;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>
/// How a <see cref="RevisionRow"/> is kept in the <c>revisions</c> collection. The document is kept small (its
/// size is most of the file's): short field names, item ids that are GUIDs stored as 16-byte values, the
/// external id's index key as a 16-byte hash, payloads as UTF-8 JSON bytes, and the creation time only when it
/// differs from the update time.
/// </summary>
internal static class RevisionDocuments
{
    /// <summary>Returns the index key an external id is stored under: its SHA-256, cut to 16 bytes (the id itself may be 4,096 characters, longer than an index key).</summary>
    public static byte[] ExternalIdKey(string externalId) => SHA256.HashData(Encoding.UTF8.GetBytes(externalId)).AsSpan(0, 16).ToArray();

    /// <summary>Returns how an item id is stored and looked up: a GUID in its canonical text form as a 16-byte value, anything else as text.</summary>
    public static BsonValue ItemKey(string itemId) =>
        itemId.Length == 36 && Guid.TryParseExact(itemId, "D", out var guid) && guid.ToString("D") == itemId ? new BsonValue(guid) : new BsonValue(itemId);

    /// <summary>Builds the document of a revision not stored yet (LiteDB gives it its id).</summary>
    public static BsonDocument New(RevisionRow row)
    {
        var doc = new BsonDocument
        {
            ["d"] = row.DatasetKey,
            ["i"] = ItemKey(row.ItemId),
            ["s"] = row.Seq,
            ["f"] = row.ValidFrom,
            ["t"] = row.ValidTo,
        };
        if (row.ExternalId is not null)
        {
            doc["x"] = ExternalIdKey(row.ExternalId);
            doc["e"] = row.ExternalId;
        }

        // Payloads are stored as UTF-8 JSON bytes: neither writing nor reading them goes through UTF-16.
        doc["in"] = row.Input;
        if (row.Expected is not null)
        {
            doc["eo"] = row.Expected;
        }

        if (row.Metadata is not null)
        {
            doc["md"] = row.Metadata;
        }

        doc["u"] = row.UpdatedAt;
        if (row.CreatedAt != row.UpdatedAt)
        {
            doc["c"] = row.CreatedAt;
        }

        return doc;
    }

    /// <summary>Builds the document of a stored revision with <paramref name="validTo"/> as its validTo.</summary>
    public static BsonDocument Closed(RevisionRow row, long validTo)
    {
        var doc = New(row);
        doc["_id"] = row.RowId;
        doc["t"] = validTo;
        return doc;
    }

    /// <summary>Reads a revision document.</summary>
    public static RevisionRow From(BsonDocument doc)
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
}
