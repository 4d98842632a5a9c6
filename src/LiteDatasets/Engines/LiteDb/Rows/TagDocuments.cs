using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>How a <see cref="TagRow"/> is kept in the <c>tags</c> collection.</summary>
internal static class TagDocuments
{
    public static TagRow From(BsonDocument doc) => new(doc["_id"].AsInt64, doc["d"].AsInt32, doc["name"].AsString, doc["n"].AsInt64);

    public static BsonDocument ToDocument(TagRow row)
    {
        var doc = new BsonDocument { ["d"] = row.DatasetKey, ["name"] = row.Name, ["n"] = row.Version };
        if (row.RowId != 0)
        {
            doc["_id"] = row.RowId;
        }

        return doc;
    }
}
