using System.Collections.Concurrent;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// What reads have learned of datasets that no later write can undo: a dataset's key (a key is never given to
/// another dataset) and a version it has reached (versions only grow). A read of an item at such a version can then
/// skip the dataset's row, which costs a query of its own, as much as a fifth of the whole read.
/// </summary>
/// <remarks>
/// What is known may outlive the dataset: a read that relies on it must also see a revision under the key, which
/// proves the dataset still exists (deleting a dataset deletes its revisions in the same commit), and read the row
/// when it sees none. Safe for concurrent use.
/// </remarks>
internal sealed class KnownDatasets
{
    private readonly ConcurrentDictionary<string, (int Key, long Version)> _known = new(StringComparer.Ordinal);

    /// <summary>Gets the key of dataset <paramref name="id"/> if it is known to have reached <paramref name="version"/>.</summary>
    public bool TryGetKey(string id, long version, out int key)
    {
        if (version >= 0 && _known.TryGetValue(id, out var known) && version <= known.Version)
        {
            key = known.Key;
            return true;
        }

        key = 0;
        return false;
    }

    /// <summary>Notes what a read of the dataset's row showed (a row read earlier never lowers what is known).</summary>
    public void Note(DatasetRow dataset) =>
        _known.AddOrUpdate(dataset.Id, (dataset.Key, dataset.Version), (_, known) => known.Key == dataset.Key && known.Version > dataset.Version ? known : (dataset.Key, dataset.Version));

    /// <summary>Forgets dataset <paramref name="id"/> (it was not found).</summary>
    public void Forget(string id) => _known.TryRemove(id, out _);
}
