using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>Reads of items at a version: one item, a page (by cursor or offset, with filters), a whole snapshot, an item's history.</summary>
internal sealed class SnapshotReads(IStorageEngine engine)
{
    private readonly KnownDatasets _known = new();

    public DatasetItem? GetItem(string datasetId, string itemId, long? version)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        return engine.Read(rows =>
        {
            // At a version the dataset is known to have reached, the item's revision alone answers: finding it under
            // the dataset's key proves the dataset exists, so its row is read only when no revision is found.
            int? sought = null;
            if (version is { } known && _known.TryGetKey(datasetId, known, out var key))
            {
                if (rows.LatestRevision(key, itemId, known) is { } revision)
                {
                    return revision.IsLiveAt(known) ? revision.ToItem(datasetId) : null;
                }

                sought = key;
            }

            var dataset = rows.FindDataset(datasetId);
            if (dataset is null)
            {
                _known.Forget(datasetId);
                throw Errors.DatasetNotFound(datasetId);
            }

            _known.Note(dataset);
            var at = version ?? dataset.Version;
            DatasetRules.CheckVersion(dataset, at);

            // A seek made above under the same key found nothing: no need to make it again.
            return sought == dataset.Key ? null : DiffPlanner.LiveAt(rows, dataset.Key, itemId, at)?.ToItem(datasetId);
        });
    }

    public ItemPage ListItems(string datasetId, ItemQuery? query)
    {
        Guard.Name(datasetId);
        query ??= new ItemQuery();
        var pageSize = Guard.PageSize(query.PageSize, nameof(query) + ".PageSize");
        CheckPaging(query);
        var filter = new ItemFilter(query);
        var cursor = query.After is null ? null : PageCursor.DecodeItemCursor(query.After);
        if (cursor is not null && cursor.FilterDigest != filter.Digest)
        {
            throw new ArgumentException("The cursor was returned for other filters; pass the same Search, Metadata and ExternalId, or start over without After.", nameof(query));
        }

        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var requested = query.Tag is not null ? DatasetRules.ResolveTag(rows, dataset, Guard.Name(query.Tag, nameof(query) + ".Tag")) : query.Version;
            if (cursor is not null && requested is not null && requested != cursor.Version)
            {
                throw new ArgumentException("The cursor was returned for another version; pass the same Version or Tag, or leave both unset.", nameof(query));
            }

            var version = cursor?.Version ?? requested ?? dataset.Version;
            DatasetRules.CheckVersion(dataset, version);
            var start = cursor is null ? RevisionPosition.Start : RevisionPosition.After(cursor.Seq);
            var skip = query.Offset ?? 0;

            var page = new List<RevisionRow>(pageSize);
            long total = 0;

            // Without filters the total is kept per version, so the scan starts at the cursor; with filters
            // it must count every match.
            var matches = filter.ExternalId is not null
                ? rows.RevisionsByExternalId(dataset.Key, filter.ExternalId, version + 1).Where(r => r.IsLiveAt(version)).Take(1)
                : SnapshotReader.Open(rows, dataset, version).Scan(rows, filter.IsEmpty ? start : RevisionPosition.Start, filter.IsEmpty ? pageSize + 1 : SnapshotReader.Chunk);
            var hasMore = CollectPage(matches, filter, start, skip, page, pageSize, ref total);

            if (filter.IsEmpty)
            {
                total = DatasetRules.ItemCountAt(rows, dataset, version);
            }

            var next = hasMore ? PageCursor.Encode(new ItemCursor(version, page[^1].Seq, filter.Digest)) : null;
            return new ItemPage(page.Select(r => r.ToItem(datasetId)).ToList(), total, next, version);
        });
    }

    /// <summary>Refuses a query that combines a version with a tag, a cursor with an offset, or a negative offset.</summary>
    private static void CheckPaging(ItemQuery query)
    {
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
    }

    /// <summary>
    /// Counts the matches in <paramref name="total"/> and fills <paramref name="page"/> with the matches after
    /// <paramref name="start"/>, past the first <paramref name="skip"/> of them; returns whether more follow the page.
    /// </summary>
    private static bool CollectPage(IEnumerable<RevisionRow> matches, ItemFilter filter, RevisionPosition start, long skip, List<RevisionRow> page, int pageSize, ref long total)
    {
        var hasMore = false;
        foreach (var row in matches)
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

        return hasMore;
    }

    public IEnumerable<DatasetItem> ReadItems(string datasetId, long? version)
    {
        Guard.Name(datasetId);
        return SnapshotReader.Stream(engine, datasetId, version, row => row.ToItem(datasetId));
    }

    public IReadOnlyList<ItemRevision> GetItemHistory(string datasetId, string itemId)
    {
        Guard.Name(datasetId);
        Guard.Name(itemId);
        return engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var revisions = rows.ItemRevisions(dataset.Key, itemId, dataset.Version);
            if (revisions.Count == 0)
            {
                throw Errors.ItemNeverExisted(datasetId, itemId);
            }

            var history = new List<ItemRevision>(revisions.Count + 1);
            for (var i = 0; i < revisions.Count; i++)
            {
                var row = revisions[i];
                var closedAt = row.ValidTo <= dataset.Version ? row.ValidTo : (long?)null;
                history.Add(new ItemRevision(row.ToItem(datasetId), row.ValidFrom, closedAt, false));
                var nextFrom = i + 1 < revisions.Count ? revisions[i + 1].ValidFrom : (long?)null;
                if (closedAt is { } deletedAt && nextFrom != deletedAt)
                {
                    // Closed with no revision following at once: the item was deleted (and possibly revived later).
                    history.Add(new ItemRevision(row.ToItem(datasetId), deletedAt, nextFrom, true));
                }
            }

            return history;
        });
    }
}
