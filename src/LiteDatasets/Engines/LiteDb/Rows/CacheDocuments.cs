using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>
/// How a <see cref="CacheRow"/> is kept in the <c>cache</c> collection: its row key is the <c>_id</c>, so the primary
/// index alone finds, replaces and removes an entry. The scope and the key are kept as given, the value as bytes.
/// </summary>
internal static class CacheDocuments
{
    public static BsonDocument ToDocument(CacheRow row)
    {
        var doc = new BsonDocument
        {
            ["_id"] = row.Id,
            ["s"] = row.Scope,
            ["k"] = row.Key,
            ["v"] = row.Value,
            ["w"] = row.WrittenAt,
        };
        Optional(doc, "e", row.ExpiresAt);
        Optional(doc, "a", row.AbsoluteExpiry);
        Optional(doc, "l", row.Sliding);
        return doc;
    }

    public static CacheRow From(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["s"].AsString,
        doc["k"].AsString,
        doc["v"].AsBinary,
        Optional(doc, "e"),
        Optional(doc, "a"),
        Optional(doc, "l"),
        doc["w"].AsInt64);

    private static void Optional(BsonDocument doc, string name, long? value)
    {
        if (value is { } v)
        {
            doc[name] = v;
        }
    }

    private static long? Optional(BsonDocument doc, string name) => doc.TryGetValue(name, out var value) ? value.AsInt64 : null;
}
