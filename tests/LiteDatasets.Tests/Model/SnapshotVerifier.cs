namespace LiteDatasets.Tests.Model;

/// <summary>
/// Checks every read of a store's dataset against the reference model, at every version: streamed
/// snapshots, single items, cursor and offset pages, version records, fingerprints and histories.
/// </summary>
public sealed class SnapshotVerifier(IDatasetStore store, string datasetId, ReferenceDataset model, Random random, string context)
{
    /// <summary>Checks streamed snapshots, single items, versions, fingerprints and histories.</summary>
    public void VerifyReads()
    {
        var dataset = store.GetDataset(datasetId);
        Assert.That(dataset, Is.Not.Null, $"{context}: GetDataset");
        Assert.That((dataset!.Version, dataset.ItemCount), Is.EqualTo((model.Current, (long)model.LiveItems.Count)), $"{context}: dataset version and item count");

        for (var version = 0L; version <= model.Current; version++)
        {
            VerifyVersion(version);
        }

        VerifyVersionList();
        VerifyHistories();
        VerifyOutOfRange();
    }

    /// <summary>Checks cursor and offset paging of <see cref="IDatasetStore.ListItems"/> at every version.</summary>
    public void VerifyPaging()
    {
        for (var version = 0L; version <= model.Current; version++)
        {
            var expected = model.Snapshot(version).Select(i => i.Describe()).ToList();
            var at = $"{context}, version {version} of {model.Current}";
            VerifyCursorPaging(version, expected, at);
            VerifyOffsetPaging(version, expected, at);
        }
    }

    private void VerifyVersion(long version)
    {
        var snapshot = model.Snapshot(version);
        var expected = snapshot.Select(i => i.Describe()).ToList();
        var at = $"{context}, version {version} of {model.Current}";

        Assert.That(store.ReadItems(datasetId, version).Select(ModelItem.Describe).ToList(), Is.EqualTo(expected), $"{at}: ReadItems");
        if (version == model.Current)
        {
            Assert.That(store.ReadItems(datasetId).Select(ModelItem.Describe).ToList(), Is.EqualTo(expected), $"{at}: ReadItems without a version");
        }

        // Every item created up to this version, and a few created later (which must not be visible yet).
        var created = model.CreatedUpTo(version);
        var ids = model.AllIds.Take(created + 3).ToList();
        var liveById = snapshot.ToDictionary(i => i.Id, i => i.Describe(), StringComparer.Ordinal);
        var wanted = ids.Select(id => liveById.TryGetValue(id, out var d) ? d : $"{id} is not live").ToList();
        var got = ids.Select(id => store.GetItem(datasetId, id, version) is { } item ? ModelItem.Describe(item) : $"{id} is not live").ToList();
        Assert.That(got, Is.EqualTo(wanted), $"{at}: GetItem of every item created so far");
        if (version == model.Current)
        {
            var current = ids.Select(id => store.GetItem(datasetId, id) is { } item ? ModelItem.Describe(item) : $"{id} is not live").ToList();
            Assert.That(current, Is.EqualTo(wanted), $"{at}: GetItem without a version");
        }

        var stored = store.GetVersion(datasetId, version);
        Assert.That(ModelVersion.Describe(stored), Is.EqualTo(model.Versions[(int)version].Describe()), $"{at}: GetVersion (counts, message, time, fingerprint)");
        Assert.That((stored.DatasetId, stored.Tags), Is.EqualTo((datasetId, Array.Empty<string>())), $"{at}: GetVersion dataset id and tags");
    }

    private void VerifyCursorPaging(long version, List<string> expected, string at)
    {
        var pageSize = PageSize();
        var walked = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            // A cursor carries its version: continuing with the version left unset must stay on it.
            var query = cursor is null
                ? new ItemQuery { Version = version, PageSize = pageSize }
                : new ItemQuery { After = cursor, PageSize = pageSize, Version = random.Next(2) == 0 ? version : null };
            var page = store.ListItems(datasetId, query);
            var where = $"{at}: cursor page {pages} of size {pageSize}";
            Assert.That((page.Version, page.Total), Is.EqualTo((version, (long)expected.Count)), $"{where}: version and total");
            Assert.That(page.Items, Has.Count.EqualTo(Math.Min(pageSize, expected.Count - walked.Count)), $"{where}: item count");
            walked.AddRange(page.Items.Select(ModelItem.Describe));
            Assert.That(page.NextCursor is null, Is.EqualTo(walked.Count >= expected.Count), $"{where}: NextCursor is null exactly on the page holding the last item");
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages <= expected.Count + 1);

        Assert.That(walked, Is.EqualTo(expected), $"{at}: cursor paging with page size {pageSize}");
    }

    private void VerifyOffsetPaging(long version, List<string> expected, string at)
    {
        var pageSize = PageSize();
        var probe = random.Next(0, expected.Count / pageSize + 1) * pageSize;
        for (var offset = 0; offset <= expected.Count; offset += pageSize)
        {
            var page = store.ListItems(datasetId, new ItemQuery { Version = version, Offset = offset, PageSize = pageSize });
            var where = $"{at}: offset {offset}, page size {pageSize}";
            Assert.That(page.Items.Select(ModelItem.Describe).ToList(), Is.EqualTo(expected.Skip(offset).Take(pageSize).ToList()), $"{where}: items");
            Assert.That((page.Version, page.Total), Is.EqualTo((version, (long)expected.Count)), $"{where}: version and total");
            Assert.That(page.NextCursor is null, Is.EqualTo(offset + pageSize >= expected.Count), $"{where}: NextCursor is null exactly on the page holding the last item");
            if (offset == probe && page.NextCursor is not null)
            {
                var next = store.ListItems(datasetId, new ItemQuery { After = page.NextCursor, PageSize = pageSize });
                Assert.That(next.Items.Select(ModelItem.Describe).ToList(), Is.EqualTo(expected.Skip(offset + pageSize).Take(pageSize).ToList()), $"{where}: the offset page's cursor continues after it");
            }
        }
    }

    private void VerifyVersionList()
    {
        var pageSize = random.Next(1, 20);
        var listed = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = store.ListVersions(datasetId, new VersionQuery { PageSize = pageSize, After = cursor });
            Assert.That(page.Total, Is.EqualTo(model.Current), $"{context}: ListVersions total");
            listed.AddRange(page.Items.Select(ModelVersion.Describe));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages <= model.Current + 1);

        var expected = model.Versions.Skip(1).Reverse().Select(v => v.Describe()).ToList();
        Assert.That(listed, Is.EqualTo(expected), $"{context}: ListVersions newest first with page size {pageSize}");
    }

    private void VerifyHistories()
    {
        foreach (var id in model.AllIds)
        {
            var history = store.GetItemHistory(datasetId, id).Select(ModelHistoryEntry.Describe).ToList();
            Assert.That(history, Is.EqualTo(model.History(id).Select(e => e.Describe()).ToList()), $"{context}: GetItemHistory of {id}");
        }

        Assert.That(
            () => store.GetItemHistory(datasetId, "never-used-id"),
            Fails.With(ErrorCode.ItemNotFound),
            $"{context}: GetItemHistory of an id never used");
    }

    private void VerifyOutOfRange()
    {
        var beyond = model.Current + 1;
        var anyId = model.AllIds.Count > 0 ? model.AllIds[0] : "no-item";
        Assert.Multiple(() =>
        {
            Assert.That(() => store.ReadItems(datasetId, beyond).ToList(), Fails.With(ErrorCode.VersionNotFound), $"{context}: ReadItems above the current version");
            Assert.That(() => store.GetItem(datasetId, anyId, -1), Fails.With(ErrorCode.VersionNotFound), $"{context}: GetItem below version 0");
            Assert.That(() => store.GetItem(datasetId, anyId, beyond), Fails.With(ErrorCode.VersionNotFound), $"{context}: GetItem above the current version");
            Assert.That(() => store.ListItems(datasetId, new ItemQuery { Version = beyond }), Fails.With(ErrorCode.VersionNotFound), $"{context}: ListItems above the current version");
            Assert.That(() => store.GetVersion(datasetId, beyond), Fails.With(ErrorCode.VersionNotFound), $"{context}: GetVersion above the current version");
        });
    }

    private int PageSize() => random.Next(10) switch
    {
        0 => 1,
        1 => 1000,
        _ => random.Next(1, 30),
    };
}
