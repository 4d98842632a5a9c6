using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets.History;

/// <summary>
/// Writes recorded versions into a store: the one write path that sets a version's number and time instead of taking
/// the next number and the clock's time. It stays off the everyday surface (only <see cref="DatasetHistory"/> reaches
/// it), takes only the version after the dataset's last, and goes through the same change set as every item write, so
/// ids, external ids, schemas, counts and fingerprints obey the rules <c>Verify</c> checks. Each version is one unit of
/// work, and must arrive at the counts and fingerprint it recorded, or nothing of it is written.
/// </summary>
internal sealed class HistoryReplay(IStorageEngine engine, TimeSpan patternTimeBudget)
{
    /// <summary>Gets the engine replayed into (and read from, when the store is a transfer's source).</summary>
    public IStorageEngine Engine => engine;

    /// <summary>Checks records against this store's state and returns what they would add.</summary>
    public HistoryPlan Check(string source, BundleHeader header, IEnumerable<BundleEntry> entries) =>
        new HistoryCheck(source, patternTimeBudget, HistoryTarget.Load(engine, header.DatasetId, header.Name)).Run(entries);

    /// <summary>Writes what <paramref name="plan"/> says the records add: the dataset if new, each missing version in its own unit of work, then the tags and the dataset's details.</summary>
    /// <returns>How many versions were written.</returns>
    public long Apply(HistoryPlan plan, IEnumerable<BundleEntry> entries, string source, IProgress<long>? progress, CancellationToken cancellation)
    {
        var datasetId = plan.Header.DatasetId;
        using var cursor = new BundleCursor(entries, source);
        cursor.Expect<BundleHeader>("a header");
        if (plan.Creates)
        {
            CreateDataset(plan.Header);
        }

        long written = 0;
        while (cursor.Next() is BundleVersion version)
        {
            if (version.Number <= plan.FromVersion)
            {
                foreach (var _ in cursor.Changes())
                {
                }

                continue;
            }

            cancellation.ThrowIfCancellationRequested();
            engine.Write(datasetId, rows => (WriteVersion(rows, datasetId, version, cursor, source), true));
            written++;
            progress?.Report(version.Number);
        }

        engine.Write(datasetId, rows => (FinishDataset(rows, plan), true));
        return written;
    }

    /// <summary>Stores the dataset as it was created: its id, name, creation time and first schemas, with no version yet.</summary>
    private void CreateDataset(BundleHeader header) => engine.Write(null, rows =>
    {
        var key = rows.NextDatasetKey();
        if (rows.FindDataset(header.DatasetId) is not null)
        {
            throw Errors.DatasetIdTaken(header.DatasetId);
        }

        if (rows.FindDatasetByNameKey(DatasetRow.KeyOfName(header.Name)) is not null)
        {
            throw Errors.DatasetNameTaken(header.Name);
        }

        rows.InsertDataset(new DatasetRow(header.DatasetId, key, header.Name, header.Description, header.MetadataText, header.InputSchemaText,
            header.ExpectedOutputSchemaText, 0, 0, 0, Fingerprint.Empty, header.CreatedAt, header.CreatedAt, header.CreatedAt));
        rows.InsertSchemas(new SchemaRow(key, 0, header.InputSchemaText, header.ExpectedOutputSchemaText));
        return (0, true);
    });

    private DatasetRow WriteVersion(IStoreWriter rows, string datasetId, BundleVersion version, BundleCursor cursor, string source)
    {
        // The lock and the dataset first: the body consumes records only once the unit of work holds them.
        var dataset = DatasetRules.RequireForUpdate(rows, datasetId);
        if (dataset.Version + 1 != version.Number)
        {
            throw Errors.VersionConflict(datasetId, version.Number - 1, dataset.Version);
        }

        if (version.CreatedAt < dataset.LastVersionAt)
        {
            // Only a target whose versions match the incoming ones by content but were made at other times gets here.
            throw Errors.Diverged(datasetId, dataset.Version, $"its version {dataset.Version} was made after the incoming version {version.Number}");
        }

        var after = version.SchemaChanged ? ReplaySchemas(rows, dataset, version) : ReplayChanges(rows, dataset, version, cursor.Changes(), source);
        if (after.ItemCount != version.ItemCount || !after.Fingerprint.AsSpan().SequenceEqual(version.Fingerprint))
        {
            throw Changed(source, version);
        }

        return after;
    }

    private DatasetRow ReplayChanges(IStoreWriter rows, DatasetRow dataset, BundleVersion version, IEnumerable<BundleChange> records, string source)
    {
        var changes = ChangeSet.Replaying(rows, dataset, version.CreatedAt, patternTimeBudget);
        foreach (var change in records)
        {
            var id = change.ItemId;
            switch (change.Kind)
            {
                case BundleChangeKind.Add:
                    // No lookup of the id or the external id: the check found every addition new and every external id
                    // free against the history it replays, and the target holds exactly that history's versions before
                    // this one (the same fingerprints, and no write since: any write would have made a version). A lookup
                    // per item would also cost a round trip each on a server.
                    changes.Add(id, change.ExternalId, change.Content!, null);
                    break;
                case BundleChangeKind.Update:
                    changes.Update(changes.FindLive(id) ?? throw Errors.ItemNotFound(dataset.Id, id), change.Content!, null);
                    break;
                case BundleChangeKind.Revive:
                    var earlier = changes.FindAny(id) ?? throw Errors.ItemNotFound(dataset.Id, id);
                    changes.Revive(earlier.ValidTo == RevisionRow.Open ? throw Errors.ItemIdTaken(dataset.Id, id) : earlier, change.Content!);
                    break;
                default:
                    changes.Delete(changes.FindLive(id) ?? throw Errors.ItemNotFound(dataset.Id, id));
                    break;
            }
        }

        changes.ThrowIfSchemaFailed();
        if ((changes.Added, changes.Updated, changes.Deleted) != (version.Added, version.Updated, version.Deleted))
        {
            throw Changed(source, version);
        }

        return changes.Finish(version.Message);
    }

    private DatasetRow ReplaySchemas(IStoreWriter rows, DatasetRow dataset, BundleVersion version)
    {
        DatasetCatalogue.CheckLiveItems(rows, dataset, Schemas.SchemaCheck.For(version.InputSchemaText, version.ExpectedOutputSchemaText, new Schemas.PatternBudget(patternTimeBudget), $"Version {version.Number}"));
        rows.InsertVersion(new VersionRow(dataset.Key, version.Number, version.CreatedAt, version.Message, 0, 0, 0, dataset.ItemCount, true, dataset.LastSeq, dataset.Fingerprint, []));
        rows.InsertSchemas(new SchemaRow(dataset.Key, version.Number, version.InputSchemaText, version.ExpectedOutputSchemaText));
        var after = dataset with
        {
            InputSchemaText = version.InputSchemaText,
            ExpectedOutputSchemaText = version.ExpectedOutputSchemaText,
            Version = version.Number,
            LastVersionAt = version.CreatedAt,
            UpdatedAt = Math.Max(version.CreatedAt, dataset.UpdatedAt),
        };
        rows.UpdateDataset(after);
        return after;
    }

    /// <summary>The error of a version that gives other changes in the replay than it gave when the records were checked.</summary>
    private static ImportFormatException Changed(string source, BundleVersion version) =>
        new(source, version.Line, $"Version {version.Number} gives other changes than it gave when the history was checked: the history changed while it was being copied.", skippable: false);

    private static DatasetRow FinishDataset(IStoreWriter rows, HistoryPlan plan)
    {
        var header = plan.Header;
        var dataset = DatasetRules.RequireForUpdate(rows, header.DatasetId);
        foreach (var (name, version) in plan.NewTags)
        {
            switch (rows.FindTag(dataset.Key, name))
            {
                case null:
                    rows.InsertTag(new TagRow(0, dataset.Key, name, version));
                    break;
                case { } own when own.Version != version:
                    throw Errors.Diverged(dataset.Id, Math.Min(own.Version, version) - 1, $"its tag '{name}' names version {own.Version} and the incoming one version {version}");
            }
        }

        if (rows.FindDatasetByNameKey(DatasetRow.KeyOfName(header.Name)) is { } holder && holder.Id != dataset.Id)
        {
            throw Errors.DatasetNameTaken(header.Name);
        }

        var after = dataset with
        {
            Name = header.Name,
            Description = header.Description,
            MetadataText = header.MetadataText,
            UpdatedAt = plan.Creates ? header.UpdatedAt : Math.Max(header.UpdatedAt, dataset.UpdatedAt),
        };
        rows.UpdateDataset(after);
        return after;
    }
}
