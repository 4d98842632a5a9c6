using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>The checks and lookups every service makes on a dataset and its versions.</summary>
internal static class DatasetRules
{
    /// <summary>Returns the dataset, or throws <see cref="ErrorCode.DatasetNotFound"/>.</summary>
    public static DatasetRow Require(IStoreReader rows, string id) => rows.FindDataset(id) ?? throw Errors.DatasetNotFound(id);

    /// <summary>Returns the dataset read for update (see <see cref="IStoreWriter.FindDatasetForUpdate"/>), or throws <see cref="ErrorCode.DatasetNotFound"/>.</summary>
    public static DatasetRow RequireForUpdate(IStoreWriter rows, string id) => rows.FindDatasetForUpdate(id) ?? throw Errors.DatasetNotFound(id);

    /// <summary>Refuses a version outside <c>0..current</c>.</summary>
    public static void CheckVersion(DatasetRow dataset, long version)
    {
        if (version < 0 || version > dataset.Version)
        {
            throw Errors.VersionNotFound(dataset.Id, version, dataset.Version);
        }
    }

    /// <summary>Refuses a write whose caller expected another version (<see cref="WriteOptions.ExpectedVersion"/>).</summary>
    public static void CheckExpectedVersion(DatasetRow dataset, WriteOptions? options)
    {
        if (options?.ExpectedVersion is { } expected && expected != dataset.Version)
        {
            throw Errors.VersionConflict(dataset.Id, expected, dataset.Version);
        }
    }

    /// <summary>Refuses a value and the flag that clears it given together.</summary>
    public static void CheckClearConflict(bool set, bool clear, string property)
    {
        if (set && clear)
        {
            throw new ArgumentException($"Set {property} or Clear{property}, not both.", property);
        }
    }

    /// <summary>Loads a version row; version 0 is synthesised from the dataset (it has no commit).</summary>
    public static VersionRow LoadVersion(IStoreReader rows, DatasetRow dataset, long version) =>
        version == 0
            ? new VersionRow(dataset.Key, 0, dataset.CreatedAt, null, 0, 0, 0, 0, false, 0, Fingerprint.Empty, [])
            : rows.FindVersion(dataset.Key, version)
                ?? throw new StoreDamage($"the record of version {version} of dataset '{dataset.Id}' is missing");

    /// <summary>Returns the number of items live at a version.</summary>
    public static long ItemCountAt(IStoreReader rows, DatasetRow dataset, long version) =>
        version == dataset.Version ? dataset.ItemCount : LoadVersion(rows, dataset, version).ItemCount;

    /// <summary>Returns the version a tag names, or throws <see cref="ErrorCode.TagNotFound"/>.</summary>
    public static long ResolveTag(IStoreReader rows, DatasetRow dataset, string tag) =>
        rows.FindTag(dataset.Key, tag)?.Version ?? throw Errors.TagNotFound(dataset.Id, tag);

    /// <summary>Returns the last version committed at or before a moment (0 between creation and the first commit), or throws <see cref="ErrorCode.VersionNotFound"/> before creation.</summary>
    public static long VersionAt(IStoreReader rows, DatasetRow dataset, DateTimeOffset asOf)
    {
        var asOfMs = asOf.ToUnixTimeMilliseconds();
        if (asOfMs < dataset.CreatedAt)
        {
            throw Errors.NoVersionAt(dataset.Id, asOf);
        }

        // Commit times never decrease with the version number, so a binary search over numbers finds
        // the last version committed at or before the moment.
        long low = 0, high = dataset.Version;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (LoadVersion(rows, dataset, middle).CreatedAt <= asOfMs)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
