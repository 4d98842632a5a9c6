using LiteDatasets.Json;
using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>A dataset's stored row: its definition plus the counters every commit advances.</summary>
internal sealed record DatasetRecord(
    string Id,
    int Key,
    string Name,
    string? Description,
    string? MetadataText,
    string? InputSchemaText,
    string? ExpectedOutputSchemaText,
    long Version,
    long ItemCount,
    long LastSeq,
    byte[] Fingerprint,
    long CreatedAt,
    long UpdatedAt,
    long LastVersionAt)
{
    /// <summary>
    /// The key names are unique under: the name with each character replaced by its invariant upper case
    /// where ordinal ignore-case comparison agrees that they are equal (it does not for a few, such as U+017F).
    /// </summary>
    public static string NameKey(string name)
    {
        var upper = name.ToUpperInvariant();
        if (upper.Length != name.Length)
        {
            return upper;
        }

        return string.Create(name.Length, (name, upper), static (key, pair) =>
        {
            for (var i = 0; i < key.Length; i++)
            {
                var same = char.IsSurrogate(pair.name[i])
                    || string.Equals(pair.name.Substring(i, 1), pair.upper.Substring(i, 1), StringComparison.OrdinalIgnoreCase);
                key[i] = same ? pair.upper[i] : pair.name[i];
            }
        });
    }

    public static DatasetRecord From(BsonDocument doc) => new(
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

    public BsonDocument ToDocument()
    {
        var doc = new BsonDocument
        {
            ["_id"] = Id,
            ["k"] = Key,
            ["name"] = Name,
            ["nk"] = NameKey(Name),
            ["v"] = Version,
            ["cnt"] = ItemCount,
            ["seq"] = LastSeq,
            ["fp"] = Fingerprint,
            ["at"] = CreatedAt,
            ["up"] = UpdatedAt,
            ["vat"] = LastVersionAt,
        };
        SetOptional(doc, "desc", Description);
        SetOptional(doc, "meta", MetadataText);
        SetOptional(doc, "isch", InputSchemaText);
        SetOptional(doc, "osch", ExpectedOutputSchemaText);
        return doc;
    }

    /// <summary>Builds the public dataset with fresh nodes.</summary>
    public Dataset ToDataset() => new(
        Id,
        Name,
        Description,
        MetadataText is null ? null : (System.Text.Json.Nodes.JsonObject)PayloadEncoder.Parse(MetadataText),
        Parse(InputSchemaText),
        Parse(ExpectedOutputSchemaText),
        Version,
        ItemCount,
        Time.FromUnixMilliseconds(CreatedAt),
        Time.FromUnixMilliseconds(UpdatedAt));

    private static System.Text.Json.Nodes.JsonNode? Parse(string? text) => text is null ? null : PayloadEncoder.Parse(text);

    private static string? Optional(BsonDocument doc, string field) => doc.TryGetValue(field, out var value) && !value.IsNull ? value.AsString : null;

    private static void SetOptional(BsonDocument doc, string field, string? value)
    {
        if (value is not null)
        {
            doc[field] = value;
        }
    }
}
