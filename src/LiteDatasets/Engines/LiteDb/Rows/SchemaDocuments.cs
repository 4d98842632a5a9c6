using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>How a <see cref="SchemaRow"/> is kept in the <c>schemas</c> collection.</summary>
internal static class SchemaDocuments
{
    public static SchemaRow From(BsonDocument doc) =>
        new(doc["d"].AsInt32, doc["n"].AsInt64, DatasetDocuments.Optional(doc, "isch"), DatasetDocuments.Optional(doc, "osch"));

    public static BsonDocument ToDocument(SchemaRow row)
    {
        var doc = new BsonDocument { ["d"] = row.DatasetKey, ["n"] = row.Version };
        DatasetDocuments.SetOptional(doc, "isch", row.InputSchemaText);
        DatasetDocuments.SetOptional(doc, "osch", row.ExpectedOutputSchemaText);
        return doc;
    }
}
