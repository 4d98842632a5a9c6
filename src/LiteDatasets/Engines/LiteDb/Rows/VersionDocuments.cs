using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>How a <see cref="VersionRow"/> is kept in the <c>versions</c> collection.</summary>
internal static class VersionDocuments
{
    /// <summary>The highest version number a row id can hold.</summary>
    public const long MaxNumber = (1L << 40) - 1;

    /// <summary>
    /// Returns the row id of version <paramref name="number"/> of a dataset: the dataset key in the high bits
    /// and the number in the low 40, so the primary index alone orders a dataset's versions.
    /// </summary>
    public static long RowId(int datasetKey, long number) => ((long)datasetKey << 40) | number;

    public static VersionRow From(BsonDocument doc) => new(
        doc["d"].AsInt32,
        doc["n"].AsInt64,
        doc["at"].AsInt64,
        doc.TryGetValue("msg", out var msg) && !msg.IsNull ? msg.AsString : null,
        doc["a"].AsInt32,
        doc["u"].AsInt32,
        doc["x"].AsInt32,
        doc["cnt"].AsInt64,
        doc["sch"].AsBoolean,
        doc["seq"].AsInt64,
        doc["fp"].AsBinary,
        doc.TryGetValue("rv", out var revived) ? revived.AsArray.Select(id => id.AsString).ToList() : []);

    public static BsonDocument ToDocument(VersionRow row)
    {
        var doc = new BsonDocument
        {
            ["_id"] = RowId(row.DatasetKey, row.Number),
            ["d"] = row.DatasetKey,
            ["n"] = row.Number,
            ["at"] = row.CreatedAt,
            ["a"] = row.Added,
            ["u"] = row.Updated,
            ["x"] = row.Deleted,
            ["cnt"] = row.ItemCount,
            ["sch"] = row.SchemaChanged,
            ["seq"] = row.LastSeq,
            ["fp"] = row.Fingerprint,
        };
        if (row.Message is not null)
        {
            doc["msg"] = row.Message;
        }

        if (row.Revived.Count > 0)
        {
            doc["rv"] = new BsonArray(row.Revived.Select(id => new BsonValue(id)));
        }

        return doc;
    }
}
