using LiteDatasets.Storage;
using LiteDB;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>Rows fetched per query when streaming or scanning with filters.</summary>
    private const int ScanChunk = 500;

    /// <summary>Gets one item as it is now, or as it was at a version.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one.</param>
    /// <returns>The item, or <see langword="null"/> if it was not live at that version.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public DatasetItem? GetItem(string datasetId, string itemId, long? version = null)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            var at = version ?? record.Version;
            CheckVersion(record, at);
            return LiveAt(record.Key, itemId, at)?.ToItem(datasetId);
        });
    }

    /// <summary>
    /// Lists a page of the items live at a version, in the order they were first added, with the total. Pages
    /// continue by cursor (<see cref="ItemQuery.After"/>, whose cost does not grow with depth) or by offset.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="query">Version or tag, filters and paging; <see langword="null"/> for the first 50 current items.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentException">Conflicting or malformed query members, or a cursor from another query.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.</exception>
    public ItemPage ListItems(string datasetId, ItemQuery? query = null)
    {
        Guard.Name(datasetId);
        query ??= new ItemQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        if (query.Version is not null && query.Tag is not null)
        {
            throw new ArgumentException("Set Version or Tag, not both.", nameof(query));
        }

        if (query.After is not null && query.Offset is not null)
        {
            throw new ArgumentException("Page by cursor (After) or by Offset, not both.", nameof(query));
        }

        if (query.Offset is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Offset, "Offset cannot be negative.");
        }

        var filter = new ItemFilter(query);
        var cursor = query.After is null ? null : PageCursor.DecodeItemCursor(query.After);
        if (cursor is not null && cursor.FilterDigest != filter.Digest)
        {
            throw new ArgumentException("The cursor was returned for other filters; pass the same Search, Metadata and ExternalId, or start over without After.", nameof(query));
        }

        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            var requested = query.Tag is not null ? ResolveTag(record, Guard.Name(query.Tag, nameof(query) + ".Tag")) : query.Version;
            if (cursor is not null && requested is not null && requested != cursor.Version)
            {
                throw new ArgumentException("The cursor was returned for another version; pass the same Version or Tag, or leave both unset.", nameof(query));
            }

            var version = cursor?.Version ?? requested ?? record.Version;
            CheckVersion(record, version);
            var reader = OpenSnapshot(record, version);
            var start = cursor is null ? ScanPosition.Start : ScanPosition.After(cursor.Seq);
            var skip = query.Offset ?? 0;

            var page = new List<RevisionRecord>(pageSize);
            var hasMore = false;
            long total = 0;
            // Without filters the total is kept per version, so the scan starts at the cursor; with filters
            // it must count every match.
            var rows = filter.ExternalId is not null ? RevisionQueries.ByExternalId(RevisionRows, record.Key, filter.ExternalId, version) is { } match ? [match] : []
                : filter.IsEmpty ? Scan(reader, start, pageSize + 1)
                : Scan(reader, ScanPosition.Start, ScanChunk);
            foreach (var row in rows)
            {
                if (!filter.Matches(row))
                {
                    continue;
                }

                total++;
                if (row.Seq <= start.Seq)
                {
                    continue;
                }

                if (skip > 0)
                {
                    skip--;
                }
                else if (page.Count < pageSize)
                {
                    page.Add(row);
                }
                else
                {
                    hasMore = true;
                    if (filter.IsEmpty)
                    {
                        break;
                    }
                }
            }

            if (filter.IsEmpty)
            {
                total = ItemCountAt(record, version);
            }

            var next = hasMore ? PageCursor.Encode(new ItemCursor(version, page[^1].Seq, filter.Digest)) : null;
            return new ItemPage(page.Select(r => r.ToItem(datasetId)).ToList(), total, next, version);
        });
    }

    /// <summary>
    /// Streams every item live at a version, in first-added order. Memory does not grow with the dataset: items
    /// are read in short keyset chunks, so the caller may await inside its loop or stop early.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one (fixed when the enumeration starts).</param>
    /// <returns>The items.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>, when enumeration starts.</exception>
    public IEnumerable<DatasetItem> ReadItems(string datasetId, long? version = null)
    {
        Guard.Name(datasetId);
        return StreamRows(datasetId, version).Select(row => row.ToItem(datasetId));
    }

    /// <summary>Streams the revisions live at a version, one short read call per chunk (see <see cref="ReadItems"/>).</summary>
    private IEnumerable<RevisionRecord> StreamRows(string datasetId, long? version)
    {
        var reader = Read(() =>
        {
            var record = RequireDataset(datasetId);
            var at = version ?? record.Version;
            CheckVersion(record, at);
            return OpenSnapshot(record, at);
        });

        ScanPosition? position = ScanPosition.Start;
        while (position is { } current)
        {
            var (rows, next) = Read(() => reader.ReadChunk(current, ScanChunk));
            position = next;
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }

    /// <summary>Gets every entry of an item's history, oldest first, deletions included.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="itemId">The item's id.</param>
    /// <returns>The history.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, or <see cref="ErrorCode.ItemNotFound"/> for an id the dataset never had.</exception>
    public IReadOnlyList<ItemRevision> GetItemHistory(string datasetId, string itemId)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        return Read(() =>
        {
            var record = RequireDataset(datasetId);
            var rows = RevisionRows.Query()
                .Where(Expressions.Get(StoreSchema.ByItem + " BETWEEN @0 AND @1", new BsonArray { record.Key, RevisionRecord.ItemKey(itemId), BsonValue.MinValue }, new BsonArray { record.Key, RevisionRecord.ItemKey(itemId), record.Version }))
                .ToList()
                .Select(RevisionRecord.From)
                .ToList();
            if (rows.Count == 0)
            {
                throw Errors.ItemNeverExisted(datasetId, itemId);
            }

            var history = new List<ItemRevision>(rows.Count + 1);
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var closedAt = row.ValidTo <= record.Version ? row.ValidTo : (long?)null;
                history.Add(new ItemRevision(row.ToItem(datasetId), row.ValidFrom, closedAt, false));
                var nextFrom = i + 1 < rows.Count ? rows[i + 1].ValidFrom : (long?)null;
                if (closedAt is { } deletedAt && nextFrom != deletedAt)
                {
                    // Closed with no revision following at once: the item was deleted (and possibly revived later).
                    history.Add(new ItemRevision(row.ToItem(datasetId), deletedAt, nextFrom, true));
                }
            }

            return history;
        });
    }

    private SnapshotReader OpenSnapshot(DatasetRecord record, long version)
    {
        var isCurrent = version == record.Version;
        var lastSeq = isCurrent ? record.LastSeq : LoadVersion(record, version).LastSeq;
        return new SnapshotReader(() => _connection.Database, record, version, isCurrent, lastSeq);
    }

    /// <summary>Walks a snapshot chunk by chunk (inside one read call).</summary>
    private static IEnumerable<RevisionRecord> Scan(SnapshotReader reader, ScanPosition start, int chunk)
    {
        ScanPosition? position = start;
        while (position is { } current)
        {
            var (rows, next) = reader.ReadChunk(current, chunk);
            position = next;
            foreach (var row in rows)
            {
                yield return row;
            }
        }
    }
}
