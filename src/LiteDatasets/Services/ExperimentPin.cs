using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// An experiment's pin resolved against its dataset, with the items it covers counted: what creating an experiment
/// reads before it takes any lock. Every part is fixed once the version is: a committed version never changes.
/// </summary>
/// <param name="DatasetKey">The key of the dataset the pin was resolved in (a dataset deleted and created again under its id has another).</param>
/// <param name="Version">The version pinned.</param>
/// <param name="Fingerprint">That version's fingerprint.</param>
/// <param name="Items">The items live at the version that the filter matches.</param>
internal sealed record ExperimentPin(int DatasetKey, long Version, byte[] Fingerprint, long Items)
{
    /// <summary>Ids looked up per read when the filter lists them.</summary>
    private const int Chunk = 500;

    /// <summary>Resolves the draft's pin to a version of <paramref name="dataset"/> and counts its items (in this read when no filter needs a scan).</summary>
    public static ExperimentPin Resolve(IStoreReader rows, DatasetRow dataset, ExperimentDraft draft)
    {
        var version = draft.Pin switch
        {
            PinKind.Number => draft.Version!.Value,
            PinKind.Tag => DatasetRules.ResolveTag(rows, dataset, draft.Tag!),
            PinKind.Time => DatasetRules.VersionAt(rows, dataset, draft.AsOf!.Value),
            _ => dataset.Version,
        };
        DatasetRules.CheckVersion(dataset, version);
        var fingerprint = version == dataset.Version ? dataset.Fingerprint : DatasetRules.LoadVersion(rows, dataset, version).Fingerprint;
        var items = draft.Scope is null ? DatasetRules.ItemCountAt(rows, dataset, version) : -1;
        return new ExperimentPin(dataset.Key, version, fingerprint, items);
    }

    /// <summary>
    /// Counts the items in scope when the filter needs more than one read: listed ids are looked up a chunk per read,
    /// and a metadata filter alone streams the version (see <see cref="SnapshotReader"/>).
    /// </summary>
    public ExperimentPin Counted(IStorageEngine engine, string datasetId, ExperimentScope scope)
    {
        long count = 0;
        if (scope.ItemIds is { } itemIds)
        {
            foreach (var chunk in itemIds.Chunk(Chunk))
            {
                count += engine.Read(rows => chunk.Count(id => DiffPlanner.LiveAt(rows, DatasetKey, id, Version) is { } row && scope.Matches(row)));
            }
        }
        else if (scope.ExternalIds is { } externalIds)
        {
            foreach (var chunk in externalIds.Chunk(Chunk))
            {
                count += engine.Read(rows => chunk.Count(id => rows.RevisionsByExternalId(DatasetKey, id, Version + 1).Any(row => row.IsLiveAt(Version) && scope.Matches(row))));
            }
        }
        else
        {
            count = SnapshotReader.Stream(engine, datasetId, Version, static row => row).LongCount(scope.Matches);
        }

        return this with { Items = count };
    }
}
