using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// What each of the revision indexes costs a bulk add: raw LiteDB bulk-inserting the revision documents of a
/// 100,000-item version (10,000 in quick mode) in one transaction into a new file whose revisions collection has all
/// four secondary indexes of the store, all but one of them, or none (the primary key only). The difference from
/// "all" is what the index left out costs. <c>binary-keys</c> measures another layout: the same four keys stored in the
/// documents as binary values and indexed by path (<see cref="BinaryIndexKeys"/>).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)] // each invocation needs a new, empty file
public class BulkIndexCostBenchmarks
{
    private static readonly (string Name, string Expression, bool Unique)[] Indexes =
    [
        ("live", StoreSchema.LiveBySeq, false),
        ("item", StoreSchema.ByItem, true),
        ("seq", StoreSchema.AllBySeq, true),
        ("ext", StoreSchema.ByExternalId, false),
    ];

    private BenchmarkFiles _files = null!;
    private List<(Json.ItemContent Content, string? ExternalId)> _encoded = null!;
    private List<BsonDocument> _documents = null!;
    private LiteDatabase? _database;

    /// <summary>Gets or sets which indexes the collection has: <c>all</c>, <c>none</c>, <c>without-NAME</c>, or <c>binary-keys</c>.</summary>
    [Params("all", "without-live", "without-item", "without-seq", "without-ext", "none", "binary-keys")]
    public string Layout { get; set; } = "all";

    public static int Size => BenchmarkSizes.UpToHundredThousand.Max();

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchmarkFiles();
        _encoded = RawLiteDb.Encode(EvalItems.Drafts(0, Size));
    }

    [IterationSetup]
    public void NewFile()
    {
        _database = new LiteDatabase(new ConnectionString { Filename = _files.NewFile("indexes"), Connection = ConnectionType.Direct, Collation = Collation.Binary });
        var revisions = _database.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);
        var binary = Layout == "binary-keys";
        foreach (var (name, expression, unique) in Indexes.Where(i => !binary && (Layout == "all" || (Layout != "none" && Layout != "without-" + i.Name))))
        {
            revisions.EnsureIndex(name, expression, unique);
        }

        foreach (var (name, field, _, unique) in binary ? BinaryIndexKeys.Indexes : [])
        {
            revisions.EnsureIndex(name, "$." + field, unique);
        }

        _documents = _encoded.Select((e, i) => RawLiteDb.Document(e.Content, e.ExternalId, i + 1, 1)).Select(d => binary ? BinaryIndexKeys.Add(d) : d).ToList();
    }

    [IterationCleanup]
    public void CloseFile()
    {
        _database?.Dispose();
        _database = null;
    }

    [GlobalCleanup]
    public void Cleanup() => _files.Dispose();

    [Benchmark(Description = "raw LiteDB bulk insert of one version's revisions")]
    public void BulkInsert()
    {
        _database!.BeginTrans();
        _database.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64).InsertBulk(_documents, batchSize: 5000);
        if (!_database.Commit())
        {
            throw new InvalidOperationException("The bulk insert did not commit.");
        }
    }
}
