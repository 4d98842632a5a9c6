using System.Numerics;
using LiteDatasets.Json;
using LiteDatasets.Schemas;
using LiteDB;

namespace LiteDatasets.Storage;

/// <summary>
/// The changes one write call makes to one dataset inside its transaction, stored as one version by
/// <see cref="Finish"/>: new revisions, closed revisions, the version row and the dataset's counters
/// (version, item count, last sequence number, fingerprint). Changes are written to LiteDB in batches as
/// they accumulate, so a write of any size holds a bounded number of them in memory; none is visible to
/// other readers before the commit. Lookups see the write's own changes, written or still pending.
/// </summary>
internal sealed class ItemWrite
{
    private readonly ILiteCollection<BsonDocument> _revisions;
    private readonly ILiteCollection<BsonDocument> _versions;
    private readonly ILiteCollection<BsonDocument> _datasets;
    private readonly DatasetRecord _dataset;
    private readonly SchemaCheck _schemas;
    private readonly List<BsonDocument> _inserts = [];
    private readonly List<BsonDocument> _closes = [];

    // The revisions of pending inserts, by item id and external id: lookups must see them before they are written.
    private readonly Dictionary<string, RevisionRecord> _pendingById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RevisionRecord> _pendingByExternalId = new(StringComparer.Ordinal);
    private BigInteger _fingerprintDelta;
    private readonly List<string> _revivedIds = [];
    private long _lastSeq;

    public ItemWrite(ILiteCollection<BsonDocument> revisions, ILiteCollection<BsonDocument> versions, ILiteCollection<BsonDocument> datasets, DatasetRecord dataset, long now)
    {
        _schemas = SchemaCheck.For(dataset.InputSchemaText, dataset.ExpectedOutputSchemaText);
        _revisions = revisions;
        _versions = versions;
        _datasets = datasets;
        _dataset = dataset;
        _lastSeq = dataset.LastSeq;

        // A version's time never goes back, so that resolving a timestamp to a version is well defined.
        At = Math.Max(now, dataset.LastVersionAt);
    }

    /// <summary>Gets the number the new version will have.</summary>
    public long NewVersion => _dataset.Version + 1;

    /// <summary>Gets the commit time of the new version (UTC milliseconds).</summary>
    public long At { get; }

    public int Added { get; private set; }

    public int Updated { get; private set; }

    public int Deleted { get; private set; }

    /// <summary>Gets the ids of the deleted items, unless <see cref="KeepDeletedIds"/> is off.</summary>
    public List<string> DeletedIds { get; } = [];

    /// <summary>Gets or sets whether <see cref="DeletedIds"/> is kept (a summary-only import of any size turns it off).</summary>
    public bool KeepDeletedIds { get; set; } = true;

    /// <summary>Gets the dataset's id.</summary>
    public string DatasetId => _dataset.Id;

    /// <summary>Gets the dataset's key.</summary>
    public int DatasetKey => _dataset.Key;

    /// <summary>Finds the live revision of an item.</summary>
    public RevisionRecord? FindLive(string itemId) =>
        _pendingById.GetValueOrDefault(itemId) ?? RevisionQueries.LiveAt(_revisions, DatasetKey, itemId, RevisionRecord.Open - 1);

    /// <summary>Finds the live revision holding an external id.</summary>
    public RevisionRecord? FindLiveByExternalId(string externalId) =>
        _pendingByExternalId.GetValueOrDefault(externalId) ?? RevisionQueries.ByExternalId(_revisions, DatasetKey, externalId, RevisionRecord.Open);

    /// <summary>Finds the newest revision of an item, live or not: ids are never reused, so any revision means the id is taken.</summary>
    public RevisionRecord? FindAny(string itemId) =>
        _pendingById.GetValueOrDefault(itemId) ?? RevisionQueries.Latest(_revisions, DatasetKey, itemId, long.MaxValue);

    /// <summary>Returns every live revision (for sync), in first-added order, read in chunks.</summary>
    public IEnumerable<RevisionRecord> AllLive()
    {
        Flush();
        var after = 0L;
        while (true)
        {
            var chunk = _revisions.Query()
                .Where(Expressions.Get(StoreSchema.LiveBySeq + " BETWEEN @0 AND @1", new BsonArray { DatasetKey, RevisionRecord.Open, after + 1 }, new BsonArray { DatasetKey, RevisionRecord.Open, BsonValue.MaxValue }))
                .Limit(FlushThreshold)
                .ToList();
            foreach (var doc in chunk)
            {
                yield return RevisionRecord.From(doc);
            }

            if (chunk.Count < FlushThreshold)
            {
                yield break;
            }

            after = chunk[^1]["s"].AsInt64;
        }
    }

    /// <summary>Adds a new item (the draft at <paramref name="index"/> of the call's input).</summary>
    public RevisionRecord Add(string itemId, string? externalId, ItemContent content, int? index)
    {
        _schemas.Check(index, null, content.Input, content.Expected);
        var hash = content.Hash(itemId, externalId);
        var seq = ++_lastSeq;
        var doc = RevisionRecord.NewDocument(DatasetKey, itemId, seq, NewVersion, externalId, content, At, At);
        Added++;
        return Insert(doc, new RevisionRecord(0, DatasetKey, itemId, seq, NewVersion, RevisionRecord.Open, externalId, content.Input, content.Expected, content.Metadata, At, At) { Hash = hash });
    }

    /// <summary>Replaces a live item's content, or returns the live revision unchanged when the content is identical.</summary>
    public RevisionRecord Update(RevisionRecord live, ItemContent content, int? index)
    {
        // The stored form is a function of the content, so equal bytes need no hashing (nor parsing the live
        // revision to hash it): the common case of an unchanged re-import.
        if (Same(content.Input, live.Input) && Same(content.Expected, live.Expected) && Same(content.Metadata, live.Metadata))
        {
            return live;
        }

        var hash = content.Hash(live.ItemId, live.ExternalId);
        if (hash.AsSpan().SequenceEqual(live.Hash))
        {
            return live;
        }

        _schemas.Check(index, live.ItemId, content.Input, content.Expected);
        Close(live);
        var doc = RevisionRecord.NewDocument(DatasetKey, live.ItemId, live.Seq, NewVersion, live.ExternalId, content, live.CreatedAt, At);
        Updated++;
        return Insert(doc, new RevisionRecord(0, DatasetKey, live.ItemId, live.Seq, NewVersion, RevisionRecord.Open, live.ExternalId, content.Input, content.Expected, content.Metadata, live.CreatedAt, At) { Hash = hash });
    }

    /// <summary>Makes a live item hold an earlier revision's content again (a restore).</summary>
    public RevisionRecord Restore(RevisionRecord live, RevisionRecord earlier)
    {
        Close(live);
        Updated++;
        return Reinstate(earlier, live.CreatedAt);
    }

    /// <summary>Brings a deleted item back with an earlier revision's content, keeping its id, place and creation time (a restore).</summary>
    public RevisionRecord Revive(RevisionRecord earlier)
    {
        _revivedIds.Add(earlier.ItemId);
        Added++;
        return Reinstate(earlier, earlier.CreatedAt);
    }

    private RevisionRecord Reinstate(RevisionRecord earlier, long createdAt)
    {
        // Schemas are not restored: restored content must satisfy the schemas in force now.
        _schemas.Check(null, earlier.ItemId, earlier.Input, earlier.Expected);
        var reinstated = earlier with { RowId = 0, ValidFrom = NewVersion, ValidTo = RevisionRecord.Open, CreatedAt = createdAt, UpdatedAt = At };
        var doc = reinstated.ToDocument(RevisionRecord.Open);
        doc.Remove("_id");
        return Insert(doc, reinstated);
    }

    /// <summary>Deletes a live item.</summary>
    public void Delete(RevisionRecord live)
    {
        Close(live);
        Deleted++;
        if (KeepDeletedIds)
        {
            DeletedIds.Add(live.ItemId);
        }
    }

    /// <summary>Refuses the whole write if any content failed the dataset's schemas.</summary>
    public void ThrowIfSchemaFailed() => _schemas.ThrowIfFailed("The write");

    /// <summary>Gets whether anything changed.</summary>
    public bool HasChanges => Added + Updated + Deleted > 0;

    /// <summary>Stores the changes as the new version and advances the dataset's counters.</summary>
    /// <returns>The dataset row after the commit.</returns>
    public DatasetRecord Finish(string? message)
    {
        Flush();
        var itemCount = _dataset.ItemCount + Added - Deleted;
        var fingerprint = Fingerprint.Update(_dataset.Fingerprint, _fingerprintDelta);
        // Versions do not record which items they touched, except revivals, which no index of revisions
        // can find by version (a revived item keeps its old place); a diff reads them from here.
        var versionRow = new VersionRecord(DatasetKey, NewVersion, At, message, Added, Updated, Deleted, itemCount, false, _lastSeq, fingerprint).ToDocument();
        if (_revivedIds.Count > 0)
        {
            versionRow[VersionRecord.RevivedField] = new BsonArray(_revivedIds.Select(id => new BsonValue(id)));
        }

        _versions.Insert(versionRow);
        var updated = _dataset with
        {
            Version = NewVersion,
            ItemCount = itemCount,
            LastSeq = _lastSeq,
            Fingerprint = fingerprint,
            UpdatedAt = Math.Max(At, _dataset.UpdatedAt),
            LastVersionAt = At,
        };
        _datasets.Update(updated.ToDocument());
        return updated;
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    /// <summary>How many pending changes are written to LiteDB at once.</summary>
    private const int FlushThreshold = 2000;

    private void Close(RevisionRecord live)
    {
        _closes.Add(live.ToDocument(validTo: NewVersion));
        _fingerprintDelta -= Fingerprint.Term(live.Hash);
        FlushIfFull();
    }

    private RevisionRecord Insert(BsonDocument doc, RevisionRecord revision)
    {
        _inserts.Add(doc);
        _pendingById[revision.ItemId] = revision;
        if (revision.ExternalId is not null)
        {
            _pendingByExternalId[revision.ExternalId] = revision;
        }

        _fingerprintDelta += Fingerprint.Term(revision.Hash);
        FlushIfFull();
        return revision;
    }

    private void FlushIfFull()
    {
        if (_inserts.Count + _closes.Count >= FlushThreshold)
        {
            Flush();
        }
    }

    /// <summary>Writes pending changes into the (still uncommitted) transaction.</summary>
    private void Flush()
    {
        // Closes first: a closed revision then leaves the live index before anything new joins it.
        foreach (var doc in _closes)
        {
            _revisions.Update(doc);
        }

        _closes.Clear();
        if (_inserts.Count > 0)
        {
            _revisions.InsertBulk(_inserts, batchSize: FlushThreshold);
            _inserts.Clear();
            _pendingById.Clear();
            _pendingByExternalId.Clear();
        }
    }
}
