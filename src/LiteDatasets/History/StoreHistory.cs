using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets.History;

/// <summary>
/// Reads a dataset's history out of a store as bundle records, versions 1 to N in order, in short reads: a version's
/// added items in chunks, its other changes (bounded by what the version changed) in one read. Versions are immutable,
/// so a write committed meanwhile changes nothing read here; the version count and the tags are taken when the
/// enumeration starts. Within a version, deletes come first, then updates, revivals and additions, so that an external
/// id a version moves from one item to another is free again before it is taken.
/// </summary>
internal static class StoreHistory
{
    private const int Chunk = 500;

    /// <summary>Reads the history of <paramref name="datasetId"/>, versions 1 to <paramref name="last"/> (a version it holds).</summary>
    public static IEnumerable<BundleEntry> Read(IStorageEngine engine, string datasetId, long last)
    {
        var (header, tags) = engine.Read(rows =>
        {
            var dataset = DatasetRules.Require(rows, datasetId);
            var version = last;
            var schemas = rows.SchemasAt(dataset.Key, 0);
            var tagRows = rows.Tags(dataset.Key).Where(t => t.Version <= version).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            return (new BundleHeader(0, dataset.Id, dataset.Name, dataset.Description, dataset.MetadataText, schemas?.InputSchemaText,
                schemas?.ExpectedOutputSchemaText, dataset.CreatedAt, dataset.UpdatedAt, version), tagRows);
        });
        yield return header;

        var previousLastSeq = 0L;
        for (var number = 1L; number <= last; number++)
        {
            var (version, changes) = engine.Read(rows => ReadVersion(rows, datasetId, number));
            yield return version.Entry;
            foreach (var change in changes)
            {
                yield return change;
            }

            foreach (var added in ReadAdded(engine, datasetId, number, previousLastSeq, version.LastSeq))
            {
                yield return added;
            }

            previousLastSeq = version.LastSeq;
        }

        foreach (var tag in tags)
        {
            yield return new BundleTag(0, tag.Name, tag.Version);
        }

        yield return new BundleEnd(0, last, tags.Count);
    }

    /// <summary>Reads a version's row and its changes other than additions: deletes, updates and revivals, each kind in item order.</summary>
    private static ((BundleVersion Entry, long LastSeq) Version, List<BundleChange> Changes) ReadVersion(IStoreReader rows, string datasetId, long number)
    {
        var dataset = DatasetRules.Require(rows, datasetId);
        var row = DatasetRules.LoadVersion(rows, dataset, number);
        var schemas = row.SchemaChanged ? rows.SchemasAt(dataset.Key, number) : null;
        var entry = new BundleVersion(0, number, row.CreatedAt, row.Message, row.Added, row.Updated, row.Deleted, row.ItemCount, row.Fingerprint,
            row.SchemaChanged, schemas?.InputSchemaText, schemas?.ExpectedOutputSchemaText);

        var deletes = new List<BundleChange>();
        var updates = new List<BundleChange>();
        foreach (var closed in rows.RevisionsClosedIn(dataset.Key, number, number).OrderBy(r => r.Seq))
        {
            var next = rows.LatestRevision(dataset.Key, closed.ItemId, number);
            if (next is not null && next.ValidFrom == number)
            {
                updates.Add(Change(BundleChangeKind.Update, next));
            }
            else
            {
                deletes.Add(new BundleChange(0, BundleChangeKind.Delete, closed.ItemId, null, null));
            }
        }

        var revivals = row.Revived
            .Select(id => rows.LatestRevision(dataset.Key, id, number) ?? throw new StoreDamage($"version {number} records a revival of item '{id}' that has no revision"))
            .OrderBy(r => r.Seq)
            .Select(r => Change(BundleChangeKind.Revive, r));
        return ((entry, row.LastSeq), [.. deletes, .. updates, .. revivals]);
    }

    /// <summary>Streams the items a version added (their first revisions, which began at it), in first-added order, a chunk per read.</summary>
    private static IEnumerable<BundleChange> ReadAdded(IStorageEngine engine, string datasetId, long number, long fromSeq, long toSeq)
    {
        RevisionPosition? position = RevisionPosition.After(fromSeq);
        while (position is { } after)
        {
            var (chunk, next) = engine.Read(rows =>
            {
                var dataset = DatasetRules.Require(rows, datasetId);
                var found = rows.RevisionsInOrder(dataset.Key, after, toSeq, Chunk);
                RevisionPosition? following = found.Count < Chunk ? null : new RevisionPosition(found[^1].Seq, found[^1].ValidFrom);
                return (found.Where(r => r.ValidFrom == number).Select(r => Change(BundleChangeKind.Add, r)).ToList(), following);
            });
            position = next;
            foreach (var change in chunk)
            {
                yield return change;
            }
        }
    }

    private static BundleChange Change(BundleChangeKind kind, RevisionRow row) =>
        new(0, kind, row.ItemId, kind == BundleChangeKind.Add ? row.ExternalId : null, row.Content());
}
