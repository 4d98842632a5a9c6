using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>A commit's stored row: what it did and the counters after it.</summary>
internal sealed record VersionRecord(
    int DatasetKey,
    long Number,
    long CreatedAt,
    string? Message,
    int Added,
    int Updated,
    int Deleted,
    long ItemCount,
    bool SchemaChanged,
    long LastSeq,
    byte[] Fingerprint)
{
    /// <summary>The field listing the ids of items a restore brought back.</summary>
    public const string RevivedField = "rv";

    /// <summary>
    /// Returns the row id of version <paramref name="number"/> of a dataset: the dataset key in the high bits
    /// and the number in the low 40, so the primary index alone orders a dataset's versions.
    /// </summary>
    public static long RowId(int datasetKey, long number) => ((long)datasetKey << 40) | number;

    public static VersionRecord From(BsonDocument doc) => new(
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
        doc["fp"].AsBinary);

    public BsonDocument ToDocument()
    {
        var doc = new BsonDocument
        {
            ["_id"] = RowId(DatasetKey, Number),
            ["d"] = DatasetKey,
            ["n"] = Number,
            ["at"] = CreatedAt,
            ["a"] = Added,
            ["u"] = Updated,
            ["x"] = Deleted,
            ["cnt"] = ItemCount,
            ["sch"] = SchemaChanged,
            ["seq"] = LastSeq,
            ["fp"] = Fingerprint,
        };
        if (Message is not null)
        {
            doc["msg"] = Message;
        }

        return doc;
    }

    public DatasetVersion ToVersion(string datasetId, IReadOnlyList<string> tags) => new(
        datasetId, Number, Time.FromUnixMilliseconds(CreatedAt), Message, Added, Updated, Deleted, ItemCount, SchemaChanged, tags, LiteDatasets.Fingerprint.ToHex(Fingerprint));
}
