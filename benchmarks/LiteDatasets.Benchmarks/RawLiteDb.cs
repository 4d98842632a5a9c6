using LiteDatasets.Engines.LiteDb.Files;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Json;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// The baseline: plain LiteDB on a file with the store's collections and indexes, writing the same
/// documents the store writes, without any of the store's logic (no validation, no versions, no locks).
/// </summary>
public sealed class RawLiteDb : IDisposable
{
    public RawLiteDb(string path)
    {
        Database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct, Collation = Collation.Binary });
        StoreSchema.Initialize(Database, FormatPlan.Current.Version);
        Revisions = Database.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);
        Datasets = Database.GetCollection(StoreSchema.Datasets);
        Datasets.Insert(new BsonDocument { ["_id"] = "raw", ["k"] = 1, ["nk"] = "RAW", ["v"] = 0L });
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<BsonDocument> Revisions { get; }

    public ILiteCollection<BsonDocument> Datasets { get; }

    public ILiteCollection<BsonDocument> Versions => Database.GetCollection(StoreSchema.Versions);

    /// <summary>Encodes drafts ahead of time, so that a baseline spends its time in LiteDB only.</summary>
    internal static List<(ItemContent Content, string? ExternalId)> Encode(IEnumerable<ItemDraft> drafts) =>
        drafts.Select(d => (ItemContent.Encode(d.Input, d.ExpectedOutput, d.Metadata), d.ExternalId)).ToList();

    /// <summary>Builds the revision document the store would write for encoded content.</summary>
    internal static BsonDocument Document(ItemContent content, string? externalId, long seq, long version)
    {
        var id = Guid.CreateVersion7().ToString();
        return RevisionDocuments.New(new RevisionRow(0, 1, id, seq, version, RevisionRow.Open, externalId, content.Input, content.Expected, content.Metadata, 0, 0));
    }

    /// <summary>
    /// Inserts documents and bumps the dataset row in one transaction, as one commit of the store does; with
    /// <paramref name="withVersionRow"/> it also inserts a version row like the store's.
    /// </summary>
    public void Commit(List<BsonDocument> documents, bool withVersionRow = false)
    {
        Database.BeginTrans();
        Revisions.InsertBulk(documents, batchSize: 5000);
        var dataset = Datasets.FindById("raw");
        var version = dataset["v"].AsInt64 + 1;
        dataset["v"] = version;
        Datasets.Update(dataset);
        if (withVersionRow)
        {
            Versions.Insert(VersionDocuments.ToDocument(new VersionRow(1, version, 0, null, documents.Count, 0, 0, version, false, version, LiteDatasets.Fingerprint.Empty, [])));
        }

        Database.Commit();
    }

    public void Dispose() => Database.Dispose();
}
