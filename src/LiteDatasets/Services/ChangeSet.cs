using System.Numerics;
using LiteDatasets.Json;
using LiteDatasets.Schemas;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The changes one write call makes to one dataset inside its unit of work, stored as one version by
/// <see cref="Finish"/>: new revisions, closed revisions, the version row and the dataset's counters
/// (version, item count, last sequence number, fingerprint). Every stored content passes the dataset's schemas
/// first, and each change moves the fingerprint by its item's term. Changes are handed to the engine in batches
/// as they accumulate, so a write of any size holds a bounded number of them in memory; none is visible to
/// other readers before the commit. Lookups see the write's own changes, handed over or still pending.
/// </summary>
internal sealed class ChangeSet
{
    /// <summary>How many pending changes are handed to the engine at once.</summary>
    private const int FlushThreshold = 2000;

    private readonly IStoreWriter _rows;
    private readonly DatasetRow _dataset;
    private readonly SchemaCheck _schemas;
    private readonly List<RevisionRow> _inserts = [];
    private readonly List<RevisionRow> _closes = [];

    // The revisions of pending inserts, by item id and external id: lookups must see them before they are written.
    private readonly Dictionary<string, RevisionRow> _pendingById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RevisionRow> _pendingByExternalId = new(StringComparer.Ordinal);
    private readonly List<string> _revivedIds = [];
    private BigInteger _fingerprintDelta;
    private long _lastSeq;

    /// <summary>Starts the changes of one write call.</summary>
    /// <param name="rows">The write's unit of work.</param>
    /// <param name="dataset">The dataset, read for update.</param>
    /// <param name="now">The call's time (UTC milliseconds).</param>
    /// <param name="patternTimeBudget">The pattern-matching time the call's schema checks may spend (see <see cref="PatternBudget"/>).</param>
    public ChangeSet(IStoreWriter rows, DatasetRow dataset, long now, TimeSpan patternTimeBudget)
        : this(rows, dataset, patternTimeBudget, Math.Max(now, dataset.LastVersionAt))
    {
    }

    private ChangeSet(IStoreWriter rows, DatasetRow dataset, TimeSpan patternTimeBudget, long at)
    {
        _schemas = SchemaCheck.For(dataset.InputSchemaText, dataset.ExpectedOutputSchemaText, new PatternBudget(patternTimeBudget), "The write");
        _rows = rows;
        _dataset = dataset;
        _lastSeq = dataset.LastSeq;

        // A version's time never goes back, so that resolving a timestamp to a version is well defined.
        At = at;
    }

    /// <summary>
    /// Starts the changes of a recorded version being replayed (see <see cref="History.HistoryReplay"/>): the version
    /// keeps the time it was committed at, which must not be older than the dataset's last version.
    /// </summary>
    public static ChangeSet Replaying(IStoreWriter rows, DatasetRow dataset, long at, TimeSpan patternTimeBudget) =>
        at >= dataset.LastVersionAt
            ? new ChangeSet(rows, dataset, patternTimeBudget, at)
            : throw new InvalidOperationException("A replayed version is older than the dataset's last version.");

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

    /// <summary>Gets whether anything changed.</summary>
    public bool HasChanges => Added + Updated + Deleted > 0;

    /// <summary>Finds the live revision of an item.</summary>
    public RevisionRow? FindLive(string itemId) =>
        _pendingById.GetValueOrDefault(itemId) ?? DiffPlanner.LiveAt(_rows, _dataset.Key, itemId, RevisionRow.Open - 1);

    /// <summary>Finds the live revision holding an external id.</summary>
    public RevisionRow? FindLiveByExternalId(string externalId) =>
        _pendingByExternalId.GetValueOrDefault(externalId)
        ?? _rows.RevisionsByExternalId(_dataset.Key, externalId, RevisionRow.Open).FirstOrDefault(r => r.ValidTo == RevisionRow.Open);

    /// <summary>Finds the newest revision of an item, live or not: ids are never reused, so any revision means the id is taken.</summary>
    public RevisionRow? FindAny(string itemId) =>
        _pendingById.GetValueOrDefault(itemId) ?? _rows.LatestRevision(_dataset.Key, itemId, long.MaxValue);

    /// <summary>Returns every live revision (for sync), in first-added order, read in chunks.</summary>
    public IEnumerable<RevisionRow> AllLive()
    {
        Flush();
        var after = 0L;
        while (true)
        {
            var chunk = _rows.LiveRevisions(_dataset.Key, after + 1, long.MaxValue, FlushThreshold);
            foreach (var row in chunk)
            {
                yield return row;
            }

            if (chunk.Count < FlushThreshold)
            {
                yield break;
            }

            after = chunk[^1].Seq;
        }
    }

    /// <summary>Adds a new item (the draft at <paramref name="index"/> of the call's input).</summary>
    public RevisionRow Add(string itemId, string? externalId, ItemContent content, int? index)
    {
        _schemas.Check(index, null, content.Input, content.Expected);
        var hash = content.Hash(itemId, externalId);
        Added++;
        return Insert(new RevisionRow(0, _dataset.Key, itemId, ++_lastSeq, NewVersion, RevisionRow.Open, externalId, content.Input, content.Expected, content.Metadata, At, At) { Hash = hash });
    }

    /// <summary>Replaces a live item's content, or returns the live revision unchanged when the content is identical.</summary>
    public RevisionRow Update(RevisionRow live, ItemContent content, int? index)
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
        Updated++;
        return Insert(new RevisionRow(0, _dataset.Key, live.ItemId, live.Seq, NewVersion, RevisionRow.Open, live.ExternalId, content.Input, content.Expected, content.Metadata, live.CreatedAt, At) { Hash = hash });
    }

    /// <summary>Makes a live item hold an earlier revision's content again (a restore).</summary>
    public RevisionRow Restore(RevisionRow live, RevisionRow earlier)
    {
        Close(live);
        Updated++;
        return Reinstate(earlier, live.CreatedAt);
    }

    /// <summary>Brings a deleted item back with an earlier revision's content, keeping its id, place and creation time (a restore).</summary>
    public RevisionRow Revive(RevisionRow earlier)
    {
        _revivedIds.Add(earlier.ItemId);
        Added++;
        return Reinstate(earlier, earlier.CreatedAt);
    }

    /// <summary>Brings a deleted item back with the given content, keeping its id, place and creation time (a replayed revival).</summary>
    public RevisionRow Revive(RevisionRow earlier, ItemContent content)
    {
        _schemas.Check(null, earlier.ItemId, content.Input, content.Expected);
        _revivedIds.Add(earlier.ItemId);
        Added++;
        // A new row, not a copy of the earlier one: a copy would carry the earlier content's cached forms.
        return Insert(new RevisionRow(0, _dataset.Key, earlier.ItemId, earlier.Seq, NewVersion, RevisionRow.Open, earlier.ExternalId, content.Input, content.Expected, content.Metadata, earlier.CreatedAt, At)
        {
            Hash = content.Hash(earlier.ItemId, earlier.ExternalId),
        });
    }

    /// <summary>Deletes a live item.</summary>
    public void Delete(RevisionRow live)
    {
        Close(live);
        Deleted++;
        if (KeepDeletedIds)
        {
            DeletedIds.Add(live.ItemId);
        }
    }

    /// <summary>Refuses the whole write if any content failed the dataset's schemas.</summary>
    public void ThrowIfSchemaFailed() => _schemas.ThrowIfFailed();

    /// <summary>Stores the changes as the new version and advances the dataset's counters.</summary>
    /// <returns>The dataset row after the commit.</returns>
    public DatasetRow Finish(string? message)
    {
        Flush();
        var itemCount = _dataset.ItemCount + Added - Deleted;
        var fingerprint = Fingerprint.Update(_dataset.Fingerprint, _fingerprintDelta);
        _rows.InsertVersion(new VersionRow(_dataset.Key, NewVersion, At, message, Added, Updated, Deleted, itemCount, false, _lastSeq, fingerprint, _revivedIds));
        var updated = _dataset with
        {
            Version = NewVersion,
            ItemCount = itemCount,
            LastSeq = _lastSeq,
            Fingerprint = fingerprint,
            UpdatedAt = Math.Max(At, _dataset.UpdatedAt),
            LastVersionAt = At,
        };
        _rows.UpdateDataset(updated);
        return updated;
    }

    private RevisionRow Reinstate(RevisionRow earlier, long createdAt)
    {
        // Schemas are not restored: restored content must satisfy the schemas in force now.
        _schemas.Check(null, earlier.ItemId, earlier.Input, earlier.Expected);
        return Insert(earlier with { RowId = 0, ValidFrom = NewVersion, ValidTo = RevisionRow.Open, CreatedAt = createdAt, UpdatedAt = At });
    }

    private static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    private void Close(RevisionRow live)
    {
        _closes.Add(live);
        _fingerprintDelta -= Fingerprint.Term(live.Hash);
        FlushIfFull();
    }

    private RevisionRow Insert(RevisionRow revision)
    {
        _inserts.Add(revision);
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

    /// <summary>Hands pending changes to the engine (still inside the uncommitted unit of work).</summary>
    private void Flush()
    {
        // Closes first: a closed revision then leaves the live rows before anything new joins them.
        if (_closes.Count > 0)
        {
            _rows.CloseRevisions(_closes, NewVersion);
            _closes.Clear();
        }

        if (_inserts.Count > 0)
        {
            _rows.InsertRevisions(_inserts);
            _inserts.Clear();
            _pendingById.Clear();
            _pendingByExternalId.Clear();
        }
    }
}
