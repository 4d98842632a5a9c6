using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>How a <see cref="DatasetRow"/> is kept in the <c>datasets</c> collection (short field names; <c>nk</c> is the unique name key).</summary>
internal static class DatasetDocuments
{
    public static DatasetRow From(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["k"].AsInt32,
        doc["name"].AsString,
        Optional(doc, "desc"),
        Optional(doc, "meta"),
        Optional(doc, "isch"),
        Optional(doc, "osch"),
        doc["v"].AsInt64,
        doc["cnt"].AsInt64,
        doc["seq"].AsInt64,
        doc["fp"].AsBinary,
        doc["at"].AsInt64,
        doc["up"].AsInt64,
        doc["vat"].AsInt64);

    public static BsonDocument ToDocument(DatasetRow row)
    {
        var doc = new BsonDocument
        {
            ["_id"] = row.Id,
            ["k"] = row.Key,
            ["name"] = row.Name,
            ["nk"] = row.NameKey,
            ["v"] = row.Version,
            ["cnt"] = row.ItemCount,
            ["seq"] = row.LastSeq,
            ["fp"] = row.Fingerprint,
            ["at"] = row.CreatedAt,
            ["up"] = row.UpdatedAt,
            ["vat"] = row.LastVersionAt,
        };
        SetOptional(doc, "desc", row.Description);
        SetOptional(doc, "meta", row.MetadataText);
        SetOptional(doc, "isch", row.InputSchemaText);
        SetOptional(doc, "osch", row.ExpectedOutputSchemaText);
        return doc;
    }

    /// <summary>Reads a text field that may be absent.</summary>
    public static string? Optional(BsonDocument doc, string field) => doc.TryGetValue(field, out var value) && !value.IsNull ? value.AsString : null;

    /// <summary>Writes a text field only when it has a value.</summary>
    public static void SetOptional(BsonDocument doc, string field, string? value)
    {
        if (value is not null)
        {
            doc[field] = value;
        }
    }
}
