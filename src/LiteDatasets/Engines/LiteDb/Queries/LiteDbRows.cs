using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Queries;

/// <summary>
/// The storage port's queries and writes over one LiteDB database, for one call. Every query is one seek or
/// range of an array-expression index (see <see cref="StoreSchema"/>) with its values as parameters, and is
/// materialised before it returns, so no LiteDB cursor outlives the call. Every call runs through
/// <see cref="LiteDbCalls"/>, so that a document LiteDB cannot decode, or that is not a row, is reported as damage.
/// </summary>
internal sealed partial class LiteDbRows(LiteDatabase db) : IStoreWriter
{
    private readonly ILiteCollection<BsonDocument> _datasets = db.GetCollection(StoreSchema.Datasets);
    private readonly ILiteCollection<BsonDocument> _revisions = db.GetCollection(StoreSchema.Revisions, BsonAutoId.Int64);
    private readonly ILiteCollection<BsonDocument> _versions = db.GetCollection(StoreSchema.Versions);
    private readonly ILiteCollection<BsonDocument> _tags = db.GetCollection(StoreSchema.Tags, BsonAutoId.Int64);
    private readonly ILiteCollection<BsonDocument> _schemas = db.GetCollection(StoreSchema.Schemas, BsonAutoId.Int64);
    private readonly ILiteCollection<BsonDocument> _experiments = db.GetCollection(StoreSchema.Experiments);
    private readonly ILiteCollection<BsonDocument> _experimentSequences = db.GetCollection(StoreSchema.ExperimentSequences);

    public DatasetRow? FindDataset(string id) =>
        LiteDbCalls.Run(() => Expressions.FindById(_datasets, id) is { } doc ? DatasetDocuments.From(doc) : null);

    public DatasetRow? FindDatasetByNameKey(string nameKey) =>
        LiteDbCalls.Run(() => _datasets.Query().Where(Expressions.Get("$.nk = @0", nameKey)).FirstOrDefault() is { } doc ? DatasetDocuments.From(doc) : null);

    public IReadOnlyList<DatasetRow> Datasets() =>
        LiteDbCalls.Run(() => _datasets.Query().OrderBy(Expressions.Get("$.nk")).ToEnumerable().Select(DatasetDocuments.From).ToList());

    public RevisionRow? LatestRevision(int datasetKey, string itemId, long version)
    {
        var key = RevisionDocuments.ItemKey(itemId);
        return LiteDbCalls.Run(() => _revisions.Query()
            .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { datasetKey, key, BsonValue.MinValue }, new BsonArray { datasetKey, key, version }))
            .OrderByDescending(Expressions.Get(StoreSchema.ByItem))
            .Limit(1)
            .FirstOrDefault() is { } doc ? RevisionDocuments.From(doc) : null);
    }

    public IReadOnlyList<RevisionRow> ItemRevisions(int datasetKey, string itemId, long version)
    {
        var key = RevisionDocuments.ItemKey(itemId);
        return Revisions(StoreSchema.ByItem, new BsonArray { datasetKey, key, BsonValue.MinValue }, new BsonArray { datasetKey, key, version });
    }

    public IReadOnlyList<RevisionRow> RevisionsByExternalId(int datasetKey, string externalId, long validTo)
    {
        // The index holds a hash of the external id: rows of another id with the same hash are dropped here.
        var key = RevisionDocuments.ExternalIdKey(externalId);
        var rows = Revisions(StoreSchema.ByExternalId, new BsonArray { datasetKey, key, validTo }, new BsonArray { datasetKey, key, BsonValue.MaxValue });
        return rows.TrueForAll(r => r.ExternalId == externalId) ? rows : rows.FindAll(r => r.ExternalId == externalId);
    }

    public IReadOnlyList<RevisionRow> LiveRevisions(int datasetKey, long fromSeq, long toSeq, int limit) =>
        Revisions(StoreSchema.LiveBySeq, new BsonArray { datasetKey, RevisionRow.Open, fromSeq }, new BsonArray { datasetKey, RevisionRow.Open, toSeq }, limit);

    public IReadOnlyList<RevisionRow> RevisionsClosedIn(int datasetKey, long fromVersion, long toVersion) =>
        Revisions(StoreSchema.LiveBySeq, new BsonArray { datasetKey, fromVersion, BsonValue.MinValue }, new BsonArray { datasetKey, toVersion, BsonValue.MaxValue });

    public IReadOnlyList<RevisionRow> RevisionsInOrder(int datasetKey, RevisionPosition after, long lastSeq, int limit)
    {
        var lower = after.ValidFrom == long.MaxValue
            ? new BsonArray { datasetKey, after.Seq + 1, BsonValue.MinValue }
            : new BsonArray { datasetKey, after.Seq, after.ValidFrom + 1 };
        return Revisions(StoreSchema.AllBySeq, lower, new BsonArray { datasetKey, lastSeq, BsonValue.MaxValue }, limit);
    }

    public VersionRow? FindVersion(int datasetKey, long number) =>
        LiteDbCalls.Run(() => Expressions.FindById(_versions, VersionDocuments.RowId(datasetKey, number)) is { } doc ? VersionDocuments.From(doc) : null);

    public IReadOnlyList<VersionRow> Versions(int datasetKey, long from, long to, int limit, bool newestFirst)
    {
        var query = _versions.Query().Where(Expressions.Get("_id BETWEEN @0 AND @1",
            VersionDocuments.RowId(datasetKey, Math.Max(from, 0)), VersionDocuments.RowId(datasetKey, Math.Min(to, VersionDocuments.MaxNumber))));
        var ordered = newestFirst ? query.OrderByDescending(Expressions.Get("_id")) : query;
        return LiteDbCalls.Run(() => ordered.Limit(limit).ToEnumerable().Select(VersionDocuments.From).ToList());
    }

    public TagRow? FindTag(int datasetKey, string name) =>
        LiteDbCalls.Run(() => _tags.Query().Where(Expressions.Get(StoreSchema.TagByName + " = @0", new BsonArray { datasetKey, name })).FirstOrDefault() is { } doc ? TagDocuments.From(doc) : null);

    public IReadOnlyList<TagRow> Tags(int datasetKey) =>
        LiteDbCalls.Run(() => _tags.Query()
            .Where(Expressions.Get(StoreSchema.TagByName + " BETWEEN @0 AND @1", new BsonArray { datasetKey, BsonValue.MinValue }, new BsonArray { datasetKey, BsonValue.MaxValue }))
            .ToEnumerable()
            .Select(TagDocuments.From)
            .ToList());

    public SchemaRow? SchemasAt(int datasetKey, long version) =>
        LiteDbCalls.Run(() => _schemas.Query()
            .Where(Expressions.Get(StoreSchema.SchemaByVersion + " BETWEEN @0 AND @1", new BsonArray { datasetKey, BsonValue.MinValue }, new BsonArray { datasetKey, version }))
            .OrderByDescending(Expressions.Get(StoreSchema.SchemaByVersion))
            .Limit(1)
            .FirstOrDefault() is { } doc ? SchemaDocuments.From(doc) : null);

    public DatasetRow? FindDatasetForUpdate(string id) =>
        LiteDbCalls.Run(() => _datasets.Query().Where(Expressions.Get("_id = @0", id)).ForUpdate().FirstOrDefault() is { } doc ? DatasetDocuments.From(doc) : null);

    public int NextDatasetKey() => LiteDbCalls.Run(() =>
    {
        // The counter is read for update: two writers can never be given the same key.
        var meta = db.GetCollection(StoreSchema.Meta);
        var counters = meta.Query().Where(Expressions.Get("_id = @0", "counters")).ForUpdate().First();
        var key = counters["datasetKey"].AsInt32 + 1;
        counters["datasetKey"] = key;
        meta.Update(counters);
        return key;
    });

    public void InsertDataset(DatasetRow row) => LiteDbCalls.Run(() => _datasets.Insert(DatasetDocuments.ToDocument(row)));

    public void UpdateDataset(DatasetRow row) => LiteDbCalls.Run(() => _datasets.Update(DatasetDocuments.ToDocument(row)));

    public void DeleteDataset(DatasetRow row) => LiteDbCalls.Run(() =>
    {
        var key = row.Key;
        _datasets.Delete(row.Id);
        _revisions.DeleteMany(Expressions.Get(StoreSchema.AllBySeq + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue, BsonValue.MaxValue }));
        _versions.DeleteMany(Expressions.Get("_id BETWEEN @0 AND @1", VersionDocuments.RowId(key, 0), VersionDocuments.RowId(key + 1, 0) - 1));
        _tags.DeleteMany(Expressions.Get(StoreSchema.TagByName + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue }));
        _schemas.DeleteMany(Expressions.Get(StoreSchema.SchemaByVersion + " BETWEEN @0 AND @1", new BsonArray { key, BsonValue.MinValue }, new BsonArray { key, BsonValue.MaxValue }));
        DeleteExperimentsOf(key);
    });

    public void InsertRevisions(IReadOnlyList<RevisionRow> rows) => LiteDbCalls.Run(() => _revisions.InsertBulk(rows.Select(RevisionDocuments.New), batchSize: Math.Max(1, rows.Count)));

    public void CloseRevisions(IReadOnlyList<RevisionRow> rows, long validTo) => LiteDbCalls.Run(() =>
    {
        foreach (var row in rows)
        {
            _revisions.Update(RevisionDocuments.Closed(row, validTo));
        }
    });

    public void InsertVersion(VersionRow row) => LiteDbCalls.Run(() => _versions.Insert(VersionDocuments.ToDocument(row)));

    public void InsertSchemas(SchemaRow row) => LiteDbCalls.Run(() => _schemas.Insert(SchemaDocuments.ToDocument(row)));

    public void InsertTag(TagRow row) => LiteDbCalls.Run(() => _tags.Insert(TagDocuments.ToDocument(row)));

    public void UpdateTag(TagRow row) => LiteDbCalls.Run(() => _tags.Update(TagDocuments.ToDocument(row)));

    public void DeleteTag(TagRow row) => LiteDbCalls.Run(() => _tags.Delete(row.RowId));

    /// <summary>Reads the revisions of one index range, in index order, at most <paramref name="limit"/>.</summary>
    private List<RevisionRow> Revisions(string index, BsonArray low, BsonArray high, int limit = int.MaxValue)
    {
        return LiteDbCalls.Run(() =>
        {
            var query = _revisions.Query().Where(Expressions.Get(index + " BETWEEN @0 AND @1", low, high));
            var docs = limit == int.MaxValue ? query.ToList() : query.Limit(limit).ToList();
            var rows = new List<RevisionRow>(docs.Count);
            foreach (var doc in docs)
            {
                rows.Add(RevisionDocuments.From(doc));
            }

            return rows;
        });
    }
}
