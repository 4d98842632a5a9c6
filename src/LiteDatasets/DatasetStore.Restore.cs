using System.Globalization;
using LiteDatasets.Storage;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Makes the live items exactly the snapshot at an earlier version — same item ids, content and
    /// <see cref="DatasetItem.CreatedAt"/> — as one new version. Revived items count as added, changed ones as
    /// updated, removed ones as deleted. Restoring to content equal to the current state creates no version.
    /// Schemas are not restored. To preview a restore, <see cref="Diff(string, long, long)"/> from the current
    /// version to the target.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">The version to restore, in <c>0..current</c>.</param>
    /// <param name="options">The version's message (default "Restored version N") and the expected current version.</param>
    /// <returns>The commit; <see cref="Commit.Items"/> holds the items re-added or changed.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.VersionConflict"/>.</exception>
    public Commit RestoreVersion(string datasetId, long version, WriteOptions? options = null)
    {
        Guard.Name(datasetId);
        return RestoreVersion(datasetId, _ => version, options);
    }

    /// <summary>Restores the version a tag names; see <see cref="RestoreVersion(string, long, WriteOptions?)"/>.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="tag">The tag naming the version to restore.</param>
    /// <param name="options">The version's message and the expected current version.</param>
    /// <returns>The commit.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.TagNotFound"/>, and as for the overload taking a number.</exception>
    public Commit RestoreVersion(string datasetId, string tag, WriteOptions? options = null)
    {
        Guard.Name(datasetId);
        Guard.Name(tag);
        return RestoreVersion(datasetId, record => ResolveTag(record, tag), options);
    }

    private Commit RestoreVersion(string datasetId, Func<DatasetRecord, long> target, WriteOptions? options)
    {
        long restored = 0;
        return WriteItems(datasetId, options, (write, record) =>
        {
            restored = target(record);
            CheckVersion(record, restored);
            var items = new List<RevisionRecord>();
            foreach (var (current, earlier) in ChangedItems(record, record.Version, restored))
            {
                if (earlier is null)
                {
                    write.Delete(current!);
                }
                else
                {
                    items.Add(current is null ? write.Revive(earlier) : write.Restore(current, earlier));
                }
            }

            return items;
        }, () => options?.Message ?? string.Create(CultureInfo.InvariantCulture, $"Restored version {restored}"));
    }
}
