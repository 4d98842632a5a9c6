using System.Globalization;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>
/// How a <see cref="ResultRow"/> is kept in the <c>results</c> collection. Its <c>_id</c> is made of the experiment's
/// id, the item's sequence number and the repetition (see <see cref="RowId"/>), so the primary index alone finds a
/// run, replaces it, and lists an experiment's results in the order of its pinned snapshot. The output and the body
/// are UTF-8 JSON bytes.
/// </summary>
internal static class ResultDocuments
{
    // A control character, which no experiment id holds (ids are names), and which sorts below every character one may hold.
    private const char Separator = '\u001f';

    /// <summary>
    /// Returns the id of a run: <c>experiment ␟ sequence ␟ repetition</c>, the numbers with a fixed number of digits, so
    /// that ids compare (the store's collation is ordinal) as the keys do and an experiment's ids are one range.
    /// </summary>
    public static string RowId(string experimentId, ResultKey key) =>
        string.Create(CultureInfo.InvariantCulture, $"{experimentId}{Separator}{key.Seq:D19}{Separator}{key.Repetition:D10}");

    /// <summary>Returns the lowest and the highest id an experiment's results can have.</summary>
    public static (string Low, string High) Range(string experimentId) => (experimentId + Separator, experimentId + Separator + '\uffff');

    public static BsonDocument ToDocument(ResultRow row)
    {
        var doc = new BsonDocument
        {
            ["_id"] = RowId(row.ExperimentId, row.Key),
            ["e"] = row.ExperimentId,
            ["d"] = row.DatasetKey,
            ["s"] = row.Seq,
            ["r"] = row.Repetition,
            ["i"] = row.ItemId,
            ["v"] = row.ItemVersion,
            ["h"] = row.ItemHash,
            ["a"] = row.Attempt,
            ["x"] = row.Failed,
            ["b"] = row.Body,
            ["at"] = row.RecordedAt,
        };
        if (row.Output is not null)
        {
            doc["o"] = row.Output;
        }

        return doc;
    }

    public static ResultRow From(BsonDocument doc) => new(
        doc["e"].AsString,
        doc["d"].AsInt32,
        doc["s"].AsInt64,
        doc["r"].AsInt32,
        doc["i"].AsString,
        doc["v"].AsInt64,
        doc["h"].AsBinary,
        doc["a"].AsInt32,
        doc["x"].AsBoolean,
        doc.TryGetValue("o", out var output) ? output.AsBinary : null,
        doc["b"].AsBinary,
        doc["at"].AsInt64);

    /// <summary>Reads what a write needs of a stored result.</summary>
    public static RecordedRun Run(BsonDocument doc) => new(new ResultKey(doc["s"].AsInt64, doc["r"].AsInt32), doc["a"].AsInt32, doc["x"].AsBoolean);
}
