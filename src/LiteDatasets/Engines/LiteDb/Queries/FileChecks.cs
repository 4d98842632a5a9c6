using System.Globalization;
using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>
/// What <c>Verify</c> checks of a store file beyond its rows: the format record and the header's marker, that
/// every index lists every revision and experiment, that no revision or experiment belongs to a dataset that
/// is gone, and that no result belongs to an experiment that is gone or sits under another run's id. Each check stands alone, so that damage one of them meets does not hide what the others find.
/// </summary>
internal static class FileChecks
{
    /// <summary>The checks, each with what it reads (for the problem reported when that cannot be read).</summary>
    public static IReadOnlyList<(string What, Func<LiteDatabase, IEnumerable<VerifyProblem>> Check)> All(int expectedFormat) =>
    [
        ("The format record", db => Format(db, expectedFormat)),
        ("The revisions' indexes", Indexes),
        ("The revisions' datasets", Orphans),
        ("The experiments' indexes", ExperimentIndexes),
        ("The experiments' datasets", ExperimentOrphans),
        ("The results' experiments", ResultOrphans),
    ];

    private static IEnumerable<VerifyProblem> Format(LiteDatabase db, int expectedFormat)
    {
        var format = StoreSchema.ReadFormat(db);
        if (format != expectedFormat)
        {
            yield return Problem(string.Create(CultureInfo.InvariantCulture, $"The format record says {format?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}, expected {expectedFormat}."));
        }

        // The marker may lag the record (an upgrade step committed, the process stopped before the marker was
        // written; the next open for writing repairs it), never run ahead of it.
        var marker = db.UserVersion;
        if ((marker & unchecked((int)0xFFFF_0000)) != StoreFormat.MarkerBase || (marker & 0xFFFF) > expectedFormat || (marker & 0xFFFF) < FormatPlan.FirstVersion)
        {
            yield return Problem(string.Create(CultureInfo.InvariantCulture, $"The header's marker is 0x{marker:X8}; a LiteDatasets store of format {expectedFormat} has 0x{StoreFormat.MarkerFor(expectedFormat):X8} (or that of an earlier format while an upgrade is finishing)."));
        }
    }

    /// <summary>Every index must list every document once: counts through each index equal the collection's.</summary>
    private static IEnumerable<VerifyProblem> Indexes(LiteDatabase db) =>
        IndexProblems(db.GetCollection(StoreSchema.Revisions), "revisions", [StoreSchema.LiveBySeq, StoreSchema.ByItem, StoreSchema.AllBySeq, StoreSchema.ByExternalId]);

    private static IEnumerable<VerifyProblem> ExperimentIndexes(LiteDatabase db) =>
        IndexProblems(db.GetCollection(StoreSchema.Experiments), "experiments", [StoreSchema.ExperimentBySequence, StoreSchema.ExperimentByName]);

    private static IEnumerable<VerifyProblem> Orphans(LiteDatabase db)
    {
        var keys = DatasetKeys(db);
        foreach (var key in db.GetCollection(StoreSchema.Revisions).FindAll().Select(d => d["d"].AsInt32).Where(k => !keys.Contains(k)).Distinct().ToList())
        {
            yield return Problem($"Revisions belong to dataset key {key}, which no dataset has.");
        }
    }

    private static IEnumerable<VerifyProblem> ExperimentOrphans(LiteDatabase db)
    {
        var keys = DatasetKeys(db);
        var experimentKeys = db.GetCollection(StoreSchema.Experiments).FindAll().Select(d => d["d"].AsInt32)
            .Concat(db.GetCollection(StoreSchema.ExperimentSequences).FindAll().Select(d => d["_id"].AsInt32));
        foreach (var key in experimentKeys.Where(k => !keys.Contains(k)).Distinct().ToList())
        {
            yield return Problem($"Experiments or their sequence counter belong to dataset key {key}, which no dataset has.");
        }
    }

    /// <summary>Every result must belong to an experiment, under the id its experiment, item and repetition give it (the id orders the results).</summary>
    private static IEnumerable<VerifyProblem> ResultOrphans(LiteDatabase db)
    {
        var experiments = db.GetCollection(StoreSchema.Experiments).FindAll().Select(d => d["_id"].AsString).ToHashSet(StringComparer.Ordinal);
        var orphans = new SortedSet<string>(StringComparer.Ordinal);
        var misplaced = 0L;
        foreach (var doc in db.GetCollection(StoreSchema.Results).FindAll())
        {
            var row = ResultDocuments.From(doc);
            if (!experiments.Contains(row.ExperimentId))
            {
                orphans.Add(row.ExperimentId);
            }

            misplaced += doc["_id"].AsString == ResultDocuments.RowId(row.ExperimentId, row.Key) ? 0 : 1;
        }

        foreach (var id in orphans)
        {
            yield return Problem($"Results belong to experiment '{id}', which does not exist.");
        }

        if (misplaced > 0)
        {
            yield return Problem(string.Create(CultureInfo.InvariantCulture, $"{misplaced} results are stored under an id that their experiment, item and repetition do not give."));
        }
    }

    private static HashSet<int> DatasetKeys(LiteDatabase db) => db.GetCollection(StoreSchema.Datasets).FindAll().Select(d => d["k"].AsInt32).ToHashSet();

    private static IEnumerable<VerifyProblem> IndexProblems(ILiteCollection<BsonDocument> collection, string name, string[] indexes)
    {
        var total = collection.LongCount();
        foreach (var index in indexes)
        {
            var arity = index.Count(c => c == ',') + 1;
            var low = new BsonArray(Enumerable.Repeat(BsonValue.MinValue, arity));
            var high = new BsonArray(Enumerable.Repeat(BsonValue.MaxValue, arity));
            var viaIndex = collection.Query().Where(Expressions.Get(index + " BETWEEN @0 AND @1", low, high)).LongCount();
            if (viaIndex != total)
            {
                yield return Problem($"The {name} index {index} lists {viaIndex} documents, but the collection holds {total}.");
            }
        }
    }

    private static VerifyProblem Problem(string description) => new(null, description);
}
