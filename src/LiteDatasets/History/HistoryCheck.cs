using System.Numerics;
using LiteDatasets.Schemas;

namespace LiteDatasets.History;

/// <summary>
/// Checks that bundle records make a valid history before anything is written: the order of records, version
/// numbers from 1 without gaps, times that never go back, every change allowed by the items' state, every content
/// storable and valid under the schemas in force, and each version's counts and fingerprint recomputed from its
/// changes (fingerprints are sums of item terms, so they follow the changes). It keeps one entry per item — its
/// hash, external id and whether it is live — never the items' content. Against a target that holds the dataset
/// already, it also finds where the two histories part (<see cref="ErrorCode.Diverged"/>).
/// </summary>
internal sealed class HistoryCheck(string source, TimeSpan patternTimeBudget, HistoryTarget target)
{
    private readonly Dictionary<string, TrackedItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _liveExternalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _tags = new(StringComparer.Ordinal);
    private string? _inputSchema;
    private string? _outputSchema;
    private byte[] _fingerprint = Fingerprint.Empty;
    private long _lastTime;
    private long _liveWithoutExternalId;

    /// <summary>Checks every record and returns the plan of the replay: what the target lacks.</summary>
    public HistoryPlan Run(IEnumerable<BundleEntry> entries)
    {
        using var cursor = new BundleCursor(entries, source);
        var header = cursor.Expect<BundleHeader>("a header");
        Rule(header.Line, () => Guard.Name(header.DatasetId, "dataset.id"));
        Rule(header.Line, () => Guard.Name(header.Name, "dataset.name"));
        Rule(header.Line, () => SchemaCheck.Validate(header.InputSchemaText, header.ExpectedOutputSchemaText));
        (_inputSchema, _outputSchema, _lastTime) = (header.InputSchemaText, header.ExpectedOutputSchemaText, header.CreatedAt);

        long versions = 0;
        while (cursor.Peek() is BundleVersion version)
        {
            cursor.Next();
            if (version.Number != versions + 1)
            {
                throw Refuse(version.Line, $"The bundle has version {version.Number} where version {versions + 1} should follow: a version is missing or out of order.");
            }

            CheckVersion(version, cursor);
            target.CheckSame(version, versions);
            versions = version.Number;
        }

        while (cursor.Peek() is BundleTag tag)
        {
            cursor.Next();
            CheckTag(tag, versions);
        }

        var end = cursor.Expect<BundleEnd>("a version, a tag or the end");
        if (end.Versions != versions || end.Tags != _tags.Count || header.Versions != versions)
        {
            throw Refuse(end.Line, $"The bundle ends after {versions} versions and {_tags.Count} tags, but it says it holds {end.Versions} versions and {end.Tags} tags: records are missing.");
        }

        if (cursor.Peek() is { } extra)
        {
            throw Refuse(extra.Line, "The bundle goes on after its end record.");
        }

        return target.Plan(header, versions, _tags);
    }

    private void CheckVersion(BundleVersion version, BundleCursor cursor)
    {
        if (version.CreatedAt < _lastTime)
        {
            throw Refuse(version.Line, $"Version {version.Number} is older than the version or dataset before it; a version's time never goes back.");
        }

        _lastTime = version.CreatedAt;
        var schemas = SchemaCheck.For(_inputSchema, _outputSchema, new PatternBudget(patternTimeBudget), $"Version {version.Number} of the bundle");
        var touched = new HashSet<string>(StringComparer.Ordinal);
        int added = 0, updated = 0, deleted = 0;
        var delta = BigInteger.Zero;
        foreach (var change in cursor.Changes())
        {
            if (version.SchemaChanged)
            {
                throw Refuse(change.Line, $"Version {version.Number} changes the schemas, and such a version changes no item.");
            }

            if (!touched.Add(change.ItemId))
            {
                throw Refuse(change.Line, $"Version {version.Number} changes item '{change.ItemId}' twice.");
            }

            delta += Apply(change, schemas, ref added, ref updated, ref deleted);
        }

        schemas.ThrowIfFailed();
        _fingerprint = Fingerprint.Update(_fingerprint, delta);
        if (version.SchemaChanged)
        {
            Rule(version.Line, () => SchemaCheck.Validate(version.InputSchemaText, version.ExpectedOutputSchemaText));
            (_inputSchema, _outputSchema) = (version.InputSchemaText, version.ExpectedOutputSchemaText);
        }
        else if (added + updated + deleted == 0)
        {
            throw Refuse(version.Line, $"Version {version.Number} changes nothing.");
        }

        if ((added, updated, deleted, (long)_liveExternalIds.Count + _liveWithoutExternalId) != (version.Added, version.Updated, version.Deleted, version.ItemCount)
            || !_fingerprint.AsSpan().SequenceEqual(version.Fingerprint))
        {
            throw Refuse(version.Line, $"Version {version.Number} records other counts or another fingerprint than its changes give: the bundle was changed or cut.");
        }
    }

    /// <summary>Checks one change against the item's state, applies it, and returns the change of the fingerprint it makes.</summary>
    private BigInteger Apply(BundleChange change, SchemaCheck schemas, ref int added, ref int updated, ref int deleted)
    {
        Rule(change.Line, () => Guard.Name(change.ItemId, "id"));
        _items.TryGetValue(change.ItemId, out var item);
        if (change.Content is { } content)
        {
            schemas.Check(null, change.ItemId, content.Input, content.Expected);
        }

        switch (change.Kind)
        {
            case BundleChangeKind.Add when item is null:
                var externalId = change.ExternalId is null ? null : Rule(change.Line, () => Guard.ExternalId(change.ExternalId, "externalId"));
                item = new TrackedItem(externalId);
                _items.Add(change.ItemId, item);
                added++;
                return Enliven(change, item);
            case BundleChangeKind.Revive when item is { Live: false }:
                added++;
                return Enliven(change, item);
            case BundleChangeKind.Update when item is { Live: true }:
                updated++;
                var before = Fingerprint.Term(item.Hash);
                item.Hash = change.Content!.Hash(change.ItemId, item.ExternalId);
                return Fingerprint.Term(item.Hash) - before;
            case BundleChangeKind.Delete when item is { Live: true }:
                deleted++;
                SetLive(change.ItemId, item, false);
                return -Fingerprint.Term(item.Hash);
            default:
                var state = item is null ? "does not exist" : item.Live ? "is live" : "is deleted";
                throw Refuse(change.Line, $"The bundle cannot {BundleFormat.ChangeType(change.Kind)} item '{change.ItemId}': the item {state} at that point.");
        }
    }

    private BigInteger Enliven(BundleChange change, TrackedItem item)
    {
        if (item.ExternalId is not null && _liveExternalIds.TryGetValue(item.ExternalId, out var holder))
        {
            throw Refuse(change.Line, $"Item '{change.ItemId}' would hold the external id '{item.ExternalId}', which live item '{holder}' holds.");
        }

        item.Hash = change.Content!.Hash(change.ItemId, item.ExternalId);
        SetLive(change.ItemId, item, true);
        return Fingerprint.Term(item.Hash);
    }

    private void SetLive(string itemId, TrackedItem item, bool live)
    {
        item.Live = live;
        var step = live ? 1 : -1;
        if (item.ExternalId is null)
        {
            _liveWithoutExternalId += step;
        }
        else if (live)
        {
            _liveExternalIds.Add(item.ExternalId, itemId);
        }
        else
        {
            _liveExternalIds.Remove(item.ExternalId);
        }
    }

    private void CheckTag(BundleTag tag, long versions)
    {
        Rule(tag.Line, () => Guard.NewTag(tag.Name, "name"));
        if (tag.Version < 1 || tag.Version > versions)
        {
            throw Refuse(tag.Line, $"Tag '{tag.Name}' names version {tag.Version}, which the bundle does not hold (it holds versions 1 to {versions}).");
        }

        if (!_tags.TryAdd(tag.Name, tag.Version))
        {
            throw Refuse(tag.Line, $"Tag '{tag.Name}' appears twice.");
        }
    }

    private T Rule<T>(long line, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (ArgumentException e)
        {
            throw Refuse(line, e.Message, e);
        }
    }

    private void Rule(long line, Action check) => Rule(line, () => { check(); return 0; });

    private ImportFormatException Refuse(long line, string reason, Exception? inner = null) =>
        new(source, line, reason, innerException: inner, skippable: false);
}
