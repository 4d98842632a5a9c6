using System.Text.Json.Nodes;
using LiteDatasets.Json;

namespace LiteDatasets.Services;

/// <summary>
/// Top-level metadata fields an item must have with given values, compared by canonical JSON (a null value asks
/// for a field that is present and null). Shared by item queries and experiment filters, so both match alike.
/// </summary>
internal sealed class MetadataCondition
{
    private MetadataCondition(List<(string Key, string? Canonical)> fields) => Fields = fields;

    /// <summary>Gets the fields, ordered by key (ordinal), with each value's canonical text (null for a JSON null).</summary>
    public IReadOnlyList<(string Key, string? Canonical)> Fields { get; }

    /// <summary>Gets whether no field is asked for.</summary>
    public bool IsEmpty => Fields.Count == 0;

    /// <summary>Builds the condition; a value that cannot be represented exactly is an <see cref="ArgumentException"/> of <paramref name="parameter"/>.</summary>
    public static MetadataCondition From(IReadOnlyDictionary<string, JsonNode?>? fields, string parameter)
    {
        var list = new List<(string Key, string? Canonical)>();
        foreach (var (key, value) in fields ?? new Dictionary<string, JsonNode?>())
        {
            Guard.NotNull(key, parameter);
            Guard.OptionalText(key, parameter);
            string? canonical;
            try
            {
                canonical = ItemContent.IsNull(value) ? null : PayloadEncoder.ToCanonicalText(value!);
            }
            catch (PayloadProblem problem)
            {
                throw new ArgumentException($"The metadata filter '{key}' {problem.Problem}.", parameter, problem);
            }

            list.Add((key, canonical));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new MetadataCondition(list);
    }

    /// <summary>Whether stored metadata (UTF-8 JSON of an object, or null when the item has none) has every field.</summary>
    public bool Matches(byte[]? storedMetadata)
    {
        if (IsEmpty)
        {
            return true;
        }

        return storedMetadata is not null && Matches(PayloadEncoder.ParseObject(storedMetadata));
    }

    /// <summary>Whether an item's metadata (null when it has none) has every field.</summary>
    public bool Matches(JsonObject? metadata)
    {
        if (IsEmpty)
        {
            return true;
        }

        if (metadata is null)
        {
            return false;
        }

        foreach (var (key, canonical) in Fields)
        {
            if (!metadata.TryGetPropertyValue(key, out var value))
            {
                return false;
            }

            var matches = canonical is null ? ItemContent.IsNull(value) : !ItemContent.IsNull(value) && PayloadEncoder.ToCanonicalText(value!) == canonical;
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
