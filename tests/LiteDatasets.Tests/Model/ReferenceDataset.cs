namespace LiteDatasets.Tests.Model;

/// <summary>
/// A simple in-memory reference model of one dataset: for every version the ordered live items, the
/// version's counts and fingerprint, and every item's history.
/// </summary>
public sealed class ReferenceDataset
{
    private readonly Dictionary<string, ModelItem> _live = new(StringComparer.Ordinal);
    private readonly HashSet<string> _everUsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ModelHistoryEntry>> _histories = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<ModelItem>> _snapshots = [];
    private readonly List<ModelVersion> _versions = [];
    private readonly List<string> _allIds = [];
    private readonly List<int> _createdBy = [0];
    private long _nextOrder = 1;

    public ReferenceDataset(long createdAt)
    {
        _snapshots.Add([]);
        _versions.Add(new ModelVersion(0, createdAt, null, 0, 0, 0, 0, CanonicalJson.Fingerprint([])));
        LastCommitAt = createdAt;
    }

    public long Current => _versions.Count - 1;

    /// <summary>Gets the time of the last commit (the dataset's creation before the first).</summary>
    public long LastCommitAt { get; private set; }

    public IReadOnlyList<ModelVersion> Versions => _versions;

    public IReadOnlyList<string> AllIds => _allIds;

    public IReadOnlyList<ModelItem> Snapshot(long version) => _snapshots[(int)version];

    /// <summary>Returns how many items had been created by the end of <paramref name="version"/> (they come first in <see cref="AllIds"/>).</summary>
    public int CreatedUpTo(long version) => _createdBy[(int)version];

    public IReadOnlyList<ModelItem> LiveItems => _snapshots[^1];

    public IReadOnlyList<ModelHistoryEntry> History(string id) => _histories[id];

    public ModelItem? Live(string id) => _live.GetValueOrDefault(id);

    public ModelItem? LiveByExternalId(string externalId) => _live.Values.FirstOrDefault(i => i.ExternalId == externalId);

    public bool WasEverUsed(string id) => _everUsed.Contains(id);

    public IEnumerable<string> DeletedIds => _allIds.Where(id => !_live.ContainsKey(id));

    /// <summary>
    /// Applies one successful write call: <paramref name="drafts"/> in input order (adds, updates or unchanged
    /// matches), then <paramref name="deletes"/>. Creates a version when anything changed.
    /// </summary>
    /// <returns>The commit the store should have returned; its items are in draft order.</returns>
    public ExpectedCommit Apply(IReadOnlyList<PlannedDraft> drafts, IReadOnlyList<ModelItem> deletes, Func<int, string> generatedId, long now, string? message)
    {
        var at = Math.Max(now, LastCommitAt);
        var newVersion = Current + 1;
        var results = new List<ModelItem>(drafts.Count);
        var added = new List<ModelItem>();
        var updated = new List<(ModelItem Before, ModelItem After)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var draft = drafts[i];
            if (draft.Target is null)
            {
                var item = new ModelItem(draft.GivenId ?? generatedId(i), draft.ExternalId, draft.Content, _nextOrder + added.Count, newVersion, at, at);
                added.Add(item);
                results.Add(item);
            }
            else if (draft.Target.Content.IsIdenticalTo(draft.Content))
            {
                results.Add(draft.Target);
            }
            else
            {
                var target = draft.Target;
                var item = new ModelItem(target.Id, target.ExternalId, draft.Content, target.Order, newVersion, target.CreatedAt, at);
                updated.Add((target, item));
                results.Add(item);
            }
        }

        var changed = added.Count + updated.Count + deletes.Count > 0;
        if (!changed)
        {
            return new ExpectedCommit(Current, false, 0, 0, 0, results, []);
        }

        ApplyChanges(added, updated, deletes, newVersion);
        var snapshot = _live.Values.OrderBy(i => i.Order).ToList();
        _snapshots.Add(snapshot);
        _createdBy.Add(_allIds.Count);
        _versions.Add(new ModelVersion(newVersion, at, message, added.Count, updated.Count, deletes.Count, snapshot.Count, CanonicalJson.Fingerprint(snapshot.Select(i => i.Term))));
        LastCommitAt = at;
        return new ExpectedCommit(newVersion, true, added.Count, updated.Count, deletes.Count, results, deletes.Select(d => d.Id).ToList());
    }

    /// <summary>Makes the live items and their histories reflect one version's adds, updates and deletes.</summary>
    private void ApplyChanges(List<ModelItem> added, List<(ModelItem Before, ModelItem After)> updated, IReadOnlyList<ModelItem> deletes, long newVersion)
    {
        foreach (var item in added)
        {
            _live.Add(item.Id, item);
            _everUsed.Add(item.Id);
            _allIds.Add(item.Id);
            _histories.Add(item.Id, [new ModelHistoryEntry(item, newVersion, isDelete: false)]);
        }

        _nextOrder += added.Count;
        foreach (var (before, after) in updated)
        {
            _live[after.Id] = after;
            _histories[after.Id][^1].ValidTo = newVersion;
            _histories[after.Id].Add(new ModelHistoryEntry(after, newVersion, isDelete: false));
        }

        foreach (var item in deletes)
        {
            var last = _live[item.Id];
            _live.Remove(item.Id);
            _histories[item.Id][^1].ValidTo = newVersion;
            _histories[item.Id].Add(new ModelHistoryEntry(last, newVersion, isDelete: true));
        }
    }
}
