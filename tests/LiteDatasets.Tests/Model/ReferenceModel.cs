using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Model;

/// <summary>An item's content as the JSON texts the caller wrote (absent parts are null).</summary>
public sealed class ModelContent
{
    private string? _canonical;

    public ModelContent(string input, string? expected, string? metadata)
    {
        Input = input;
        Expected = expected;
        Metadata = metadata;
    }

    public string Input { get; }

    public string? Expected { get; }

    public string? Metadata { get; }

    /// <summary>Gets the canonical forms of the three parts, joined; equal texts mean identical content.</summary>
    public string Canonical => _canonical ??= string.Join(
        "\u0001",
        CanonicalJson.OfText(Input),
        Expected is null ? "<absent>" : CanonicalJson.OfText(Expected),
        Metadata is null ? "<absent>" : CanonicalJson.OfText(Metadata));

    public static ModelContent Of(JsonNode input, JsonNode? expected, JsonObject? metadata) =>
        new(input.ToJsonString(), expected?.ToJsonString(), metadata?.ToJsonString());

    public bool IsIdenticalTo(ModelContent other) => string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);
}

/// <summary>One state of one item: what a read at a version where it is live must return.</summary>
public sealed class ModelItem
{
    private BigInteger? _term;

    public ModelItem(string id, string? externalId, ModelContent content, long order, long version, long createdAt, long updatedAt)
    {
        Id = id;
        ExternalId = externalId;
        Content = content;
        Order = order;
        Version = version;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    public string Id { get; }

    public string? ExternalId { get; }

    public ModelContent Content { get; }

    /// <summary>Gets the position in first-added order.</summary>
    public long Order { get; }

    /// <summary>Gets the version at which this content became current.</summary>
    public long Version { get; }

    /// <summary>Gets when the item was first added (Unix milliseconds).</summary>
    public long CreatedAt { get; }

    /// <summary>Gets when this content became current (Unix milliseconds).</summary>
    public long UpdatedAt { get; }

    /// <summary>Gets the item's fingerprint term, computed from the definition.</summary>
    public BigInteger Term => _term ??= CanonicalJson.ItemTerm(Id, ExternalId, Content.Input, Content.Expected, Content.Metadata);

    /// <summary>Describes the item in one line, for comparing lists of items with readable failures.</summary>
    public string Describe() => Describe(Id, ExternalId, Content.Input, Content.Expected, Content.Metadata, Version, Time(CreatedAt), Time(UpdatedAt));

    public static string Describe(DatasetItem item) => Describe(
        item.Id,
        item.ExternalId,
        item.Input.ToJsonString(),
        item.ExpectedOutput?.ToJsonString(),
        item.Metadata?.ToJsonString(),
        item.Version,
        item.CreatedAt,
        item.UpdatedAt);

    public static DateTimeOffset Time(long unixMilliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds);

    private static string Describe(string id, string? externalId, string input, string? expected, string? metadata, long version, DateTimeOffset createdAt, DateTimeOffset updatedAt) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"id={id} ext={externalId ?? "<none>"} input={input} expected={expected ?? "<absent>"} metadata={metadata ?? "<absent>"} version={version} created={createdAt:O} updated={updatedAt:O}");
}

/// <summary>One entry of an item's history as the API contract defines it.</summary>
public sealed class ModelHistoryEntry(ModelItem item, long validFrom, bool isDelete)
{
    public ModelItem Item { get; } = item;

    public long ValidFrom { get; } = validFrom;

    public long? ValidTo { get; set; }

    public bool IsDelete { get; } = isDelete;

    public string Describe() => Describe(Item.Describe(), ValidFrom, ValidTo, IsDelete);

    public static string Describe(ItemRevision revision) =>
        Describe(ModelItem.Describe(revision.Item), revision.ValidFrom, revision.ValidTo, revision.IsDelete);

    private static string Describe(string item, long validFrom, long? validTo, bool isDelete) =>
        string.Create(CultureInfo.InvariantCulture, $"[{validFrom}, {validTo?.ToString(CultureInfo.InvariantCulture) ?? "open"}) {(isDelete ? "DELETE " : "")}{item}");
}

/// <summary>What one version did and held.</summary>
public sealed record ModelVersion(long Number, long CreatedAt, string? Message, int Added, int Updated, int Deleted, long ItemCount, string Fingerprint)
{
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"#{Number} at={ModelItem.Time(CreatedAt):O} msg={Message ?? "<none>"} +{Added} ~{Updated} -{Deleted} count={ItemCount} schema=False fp={Fingerprint}");

    public static string Describe(DatasetVersion version) => string.Create(
        CultureInfo.InvariantCulture,
        $"#{version.Number} at={version.CreatedAt:O} msg={version.Message ?? "<none>"} +{version.Added} ~{version.Updated} -{version.Deleted} count={version.ItemCount} schema={version.SchemaChanged} fp={version.Fingerprint}");
}

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

        var snapshot = _live.Values.OrderBy(i => i.Order).ToList();
        _snapshots.Add(snapshot);
        _createdBy.Add(_allIds.Count);
        _versions.Add(new ModelVersion(newVersion, at, message, added.Count, updated.Count, deletes.Count, snapshot.Count, CanonicalJson.Fingerprint(snapshot.Select(i => i.Term))));
        LastCommitAt = at;
        return new ExpectedCommit(newVersion, true, added.Count, updated.Count, deletes.Count, results, deletes.Select(d => d.Id).ToList());
    }
}

/// <summary>
/// One draft of a write call as the model resolved it: an add (no target) or a change of a live item
/// (which may turn out identical).
/// </summary>
public sealed record PlannedDraft(ModelItem? Target, string? GivenId, string? ExternalId, ModelContent Content);

/// <summary>The commit a successful call must return.</summary>
public sealed record ExpectedCommit(long Version, bool Created, int Added, int Updated, int Deleted, IReadOnlyList<ModelItem> Items, IReadOnlyList<string> DeletedIds);
