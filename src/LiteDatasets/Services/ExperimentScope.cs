using System.Text;
using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// An experiment's filter, checked and normalised: metadata fields by key, id lists as sorted sets. Its stored
/// form is canonical UTF-8 JSON (<c>{"externalIds":[…],"itemIds":[…],"metadata":{…}}</c>, absent parts left out),
/// so two equal filters are equal bytes.
/// </summary>
internal sealed class ExperimentScope
{
    private readonly MetadataCondition _metadata;
    private readonly HashSet<string>? _itemIds;
    private readonly HashSet<string>? _externalIds;

    private ExperimentScope(MetadataCondition metadata, SortedSet<string>? itemIds, SortedSet<string>? externalIds)
    {
        _metadata = metadata;
        ItemIds = itemIds?.ToList();
        ExternalIds = externalIds?.ToList();
        _itemIds = itemIds is null ? null : new HashSet<string>(itemIds, StringComparer.Ordinal);
        _externalIds = externalIds is null ? null : new HashSet<string>(externalIds, StringComparer.Ordinal);
        Stored = Encoding.UTF8.GetBytes(CanonicalText());
    }

    /// <summary>Gets the item ids asked for, in ordinal order, or null.</summary>
    public IReadOnlyList<string>? ItemIds { get; }

    /// <summary>Gets the external ids asked for, in ordinal order, or null.</summary>
    public IReadOnlyList<string>? ExternalIds { get; }

    /// <summary>Gets the stored form.</summary>
    public byte[] Stored { get; }

    /// <summary>Checks a caller's filter; returns null when it sets no condition.</summary>
    /// <exception cref="ArgumentException">An id list is empty or holds a malformed id, or a metadata value cannot be represented exactly.</exception>
    public static ExperimentScope? From(ExperimentFilter? filter, string parameter)
    {
        if (filter is null)
        {
            return null;
        }

        var metadata = MetadataCondition.From(filter.Metadata, parameter + ".Metadata");
        var itemIds = IdSet(filter.ItemIds, parameter + ".ItemIds", id => Guard.Name(id, parameter + ".ItemIds"));
        var externalIds = IdSet(filter.ExternalIds, parameter + ".ExternalIds", id => Guard.ExternalId(id, parameter + ".ExternalIds"));
        return metadata.IsEmpty && itemIds is null && externalIds is null ? null : new ExperimentScope(metadata, itemIds, externalIds);
    }

    /// <summary>Reads a stored filter.</summary>
    public static ExperimentScope FromStored(byte[] stored)
    {
        var root = PayloadEncoder.Parse(stored).AsObject();
        var fields = root["metadata"]?.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return new ExperimentScope(MetadataCondition.From(fields, "stored"), Strings(root["itemIds"]), Strings(root["externalIds"]));
    }

    /// <summary>Whether a revision (live at the pinned version) is in scope.</summary>
    public bool Matches(RevisionRow row) =>
        (_itemIds is null || _itemIds.Contains(row.ItemId))
        && (_externalIds is null || (row.ExternalId is not null && _externalIds.Contains(row.ExternalId)))
        && _metadata.Matches(row.Metadata);

    /// <summary>Builds the public filter with fresh nodes.</summary>
    public ExperimentFilter ToFilter() => new()
    {
        Metadata = _metadata.IsEmpty ? null : _metadata.Fields.ToDictionary(f => f.Key, f => f.Canonical is null ? null : PayloadEncoder.Parse(f.Canonical), StringComparer.Ordinal),
        ItemIds = ItemIds?.ToList(),
        ExternalIds = ExternalIds?.ToList(),
    };

    private static SortedSet<string>? IdSet(IReadOnlyList<string>? ids, string parameter, Func<string, string> check)
    {
        if (ids is null)
        {
            return null;
        }

        if (ids.Count == 0)
        {
            throw new ArgumentException("An empty id list would cover no item; leave it null to cover every item, or list at least one id.", parameter);
        }

        var set = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            set.Add(check(id));
        }

        return set;
    }

    private static SortedSet<string>? Strings(JsonNode? array) =>
        array is null ? null : new SortedSet<string>(array.AsArray().Select(v => v!.GetValue<string>()), StringComparer.Ordinal);

    private string CanonicalText()
    {
        // Keys in ordinal order, as the canonical form sorts them.
        var text = new StringBuilder("{");
        if (ExternalIds is not null)
        {
            AppendList(text, "externalIds", ExternalIds);
        }

        if (ItemIds is not null)
        {
            AppendList(text, "itemIds", ItemIds);
        }

        if (!_metadata.IsEmpty)
        {
            text.Append(text.Length > 1 ? "," : "").Append("\"metadata\":{");
            for (var i = 0; i < _metadata.Fields.Count; i++)
            {
                var (key, canonical) = _metadata.Fields[i];
                PayloadEncoder.AppendCanonicalString(text.Append(i > 0 ? "," : ""), key);
                text.Append(':').Append(canonical ?? "null");
            }

            text.Append('}');
        }

        return text.Append('}').ToString();
    }

    private static void AppendList(StringBuilder text, string name, IReadOnlyList<string> values)
    {
        text.Append(text.Length > 1 ? "," : "").Append('"').Append(name).Append("\":[");
        for (var i = 0; i < values.Count; i++)
        {
            PayloadEncoder.AppendCanonicalString(text.Append(i > 0 ? "," : ""), values[i]);
        }

        text.Append(']');
    }
}
