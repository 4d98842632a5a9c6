using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>
/// How an <see cref="ExperimentRow"/> is kept in the <c>experiments</c> collection: the id as <c>_id</c>, short field
/// names, JSON parts as UTF-8 bytes (BSON keys would merge <c>"a"</c> and <c>"A"</c>), optional fields only when set.
/// </summary>
internal static class ExperimentDocuments
{
    public static ExperimentRow From(BsonDocument doc) => new(
        doc["_id"].AsString,
        doc["d"].AsInt32,
        doc["q"].AsInt64,
        doc["name"].AsString,
        doc["v"].AsInt64,
        (PinKind)doc["pin"].AsInt32,
        DatasetDocuments.Optional(doc, "from"),
        doc["fp"].AsBinary,
        OptionalBytes(doc, "flt"),
        doc["rep"].AsInt32,
        DatasetDocuments.Optional(doc, "task"),
        OptionalBytes(doc, "sc"),
        DatasetDocuments.Optional(doc, "desc"),
        OptionalBytes(doc, "md"),
        (ExperimentStatus)doc["st"].AsInt32,
        doc["exp"].AsInt64,
        doc["rec"].AsInt64,
        doc["ok"].AsInt64,
        doc["fail"].AsInt64,
        doc["car"].AsInt64,
        doc["at"].AsInt64,
        doc.TryGetValue("done", out var done) ? done.AsInt64 : null,
        OptionalBytes(doc, "pol"),
        DatasetDocuments.Optional(doc, "cf"));

    public static BsonDocument ToDocument(ExperimentRow row)
    {
        var doc = new BsonDocument
        {
            ["_id"] = row.Id,
            ["d"] = row.DatasetKey,
            ["q"] = row.Sequence,
            ["name"] = row.Name,
            ["nk"] = row.NameKey,
            ["v"] = row.DatasetVersion,
            ["pin"] = (int)row.Pin,
            ["fp"] = row.DatasetFingerprint,
            ["rep"] = row.Repetitions,
            ["st"] = (int)row.Status,
            ["exp"] = row.ExpectedRuns,
            ["rec"] = row.Recorded,
            ["ok"] = row.Succeeded,
            ["fail"] = row.Failed,
            ["car"] = row.Carried,
            ["at"] = row.CreatedAt,
        };
        DatasetDocuments.SetOptional(doc, "from", row.ResolvedFrom);
        DatasetDocuments.SetOptional(doc, "task", row.TaskVersion);
        DatasetDocuments.SetOptional(doc, "desc", row.Description);
        SetOptional(doc, "flt", row.Filter);
        SetOptional(doc, "sc", row.Scorers);
        SetOptional(doc, "md", row.Metadata);
        SetOptional(doc, "pol", row.Policy);
        DatasetDocuments.SetOptional(doc, "cf", row.CarriedFrom);
        if (row.CompletedAt is { } done)
        {
            doc["done"] = done;
        }

        return doc;
    }

    private static byte[]? OptionalBytes(BsonDocument doc, string field) => doc.TryGetValue(field, out var value) ? value.AsBinary : null;

    private static void SetOptional(BsonDocument doc, string field, byte[]? value)
    {
        if (value is not null)
        {
            doc[field] = value;
        }
    }
}
