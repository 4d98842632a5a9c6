using LiteDatasets.Engines.LiteDb.Files;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Rows;

/// <summary>
/// The collections and indexes of a store file. Every index is an array expression so that one seek finds
/// the rows of one dataset in the needed order (LiteDB has no compound indexes; an array key acts as one).
/// </summary>
internal static class StoreSchema
{
    public const string Meta = "meta";
    public const string Datasets = "datasets";
    public const string Revisions = "revisions";
    public const string Versions = "versions";
    public const string Tags = "tags";
    public const string Schemas = "schemas";
    public const string Experiments = "experiments";
    public const string ExperimentSequences = "experimentSequences";
    public const string Results = "results";

    /// <summary>
    /// The key-value cache. It needs no format step: LiteDB creates a collection on its first write, and a file without
    /// it simply holds no entries.
    /// </summary>
    public const string Cache = "cache";

    /// <summary>The format that added the experiment and result collections (the step from format 1 adds them to older files).</summary>
    public const int ExperimentsFormat = 2;

    /// <summary>Every collection of a store of this build's format.</summary>
    public static readonly string[] Collections = [Meta, Datasets, Revisions, Versions, Tags, Schemas, Experiments, ExperimentSequences, Results, Cache];

    /// <summary>Live revisions in first-added order: current snapshots and their pages.</summary>
    public const string LiveBySeq = "[$.d,$.t,$.s]";

    /// <summary>All revisions of one item by validFrom: history, item at version, id uniqueness.</summary>
    public const string ByItem = "[$.d,$.i,$.f]";

    /// <summary>All revisions in first-added order: snapshots and pages of older versions.</summary>
    public const string AllBySeq = "[$.d,$.s,$.f]";

    /// <summary>Revisions by external-id hash and validTo: upsert matching and the external-id filter.</summary>
    public const string ByExternalId = "[$.d,$.x,$.t]";

    /// <summary>Schema changes of a dataset by the version they took effect at.</summary>
    public const string SchemaByVersion = "[$.d,$.n]";

    /// <summary>Tags of a dataset by name.</summary>
    public const string TagByName = "[$.d,$.name]";

    /// <summary>Experiments of a dataset by sequence number: listing, lookup by number, deletion with the dataset.</summary>
    public const string ExperimentBySequence = "[$.d,$.q]";

    /// <summary>Experiments of a dataset by name key: lookup by name, uniqueness of names.</summary>
    public const string ExperimentByName = "[$.d,$.nk]";

    /// <summary>
    /// Creates the collections, indexes and format record of a new store of format <paramref name="format"/>: the
    /// layout of format 1, and what the steps after it add, so that a new file equals an upgraded one.
    /// </summary>
    public static void Initialize(LiteDatabase db, int format)
    {
        db.UserVersion = StoreFormat.MarkerFor(format);

        // The store checkpoints itself (it must change the state id with every checkpoint); LiteDB's own
        // automatic checkpoints are off.
        db.Pragma("CHECKPOINT", 0);
        WriteStateId(db, Guid.NewGuid());
        WriteFormat(db, format);
        db.GetCollection(Meta).Insert(new BsonDocument { ["_id"] = "counters", ["datasetKey"] = 0 });

        var datasets = db.GetCollection(Datasets);
        datasets.EnsureIndex("name", "$.nk", unique: true);
        datasets.EnsureIndex("key", "$.k", unique: true);

        var revisions = db.GetCollection(Revisions, BsonAutoId.Int64);
        revisions.EnsureIndex("live", LiveBySeq, unique: false);
        revisions.EnsureIndex("item", ByItem, unique: true);
        revisions.EnsureIndex("seq", AllBySeq, unique: true);
        revisions.EnsureIndex("ext", ByExternalId, unique: false);

        // Version rows need no secondary index: their _id is (dataset key, number), see VersionDocuments.RowId.
        db.GetCollection(Versions);
        db.GetCollection(Schemas, BsonAutoId.Int64).EnsureIndex("version", SchemaByVersion, unique: true);
        db.GetCollection(Tags, BsonAutoId.Int64).EnsureIndex("name", TagByName, unique: true);
        if (format >= ExperimentsFormat)
        {
            AddExperiments(db);
        }
    }

    /// <summary>
    /// Creates the experiment collections: experiments by id with their two indexes, one sequence counter per
    /// dataset by dataset key, and results, whose id orders them (see <see cref="ResultDocuments.RowId"/>); neither of
    /// the last two needs an index. Both a new store and the upgrade from format 1 run it.
    /// </summary>
    public static void AddExperiments(LiteDatabase db)
    {
        var experiments = db.GetCollection(Experiments);
        experiments.EnsureIndex("sequence", ExperimentBySequence, unique: true);
        experiments.EnsureIndex("name", ExperimentByName, unique: true);
    }

    /// <summary>Reads the id of the data file's state (see <see cref="JournalStream"/>), or null when it has none.</summary>
    public static Guid? ReadStateId(LiteDatabase db) =>
        db.GetCollection(Meta).FindById("state") is { } doc ? doc["id"].AsGuid : null;

    /// <summary>Records a new state id (committed like any write; it reaches the data file at the next checkpoint).</summary>
    public static void WriteStateId(LiteDatabase db, Guid id) =>
        db.GetCollection(Meta).Upsert(new BsonDocument { ["_id"] = "state", ["id"] = id });

    /// <summary>Records the store's format version (see <see cref="FormatPlan"/>).</summary>
    public static void WriteFormat(LiteDatabase db, int format) =>
        db.GetCollection(Meta).Upsert(new BsonDocument { ["_id"] = "format", ["version"] = format });

    /// <summary>Reads the format version recorded inside the store, or null when the record is missing.</summary>
    public static int? ReadFormat(LiteDatabase db) =>
        db.GetCollection(Meta).FindById("format") is { } doc ? doc["version"].AsInt32 : null;
}
