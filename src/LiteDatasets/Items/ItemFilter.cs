using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets;

/// <summary>
/// The filters of an <see cref="ItemQuery"/>, applied in memory to revisions (never spliced into a LiteDB
/// expression). Its digest ties a cursor to the filters it was read with.
/// </summary>
internal sealed class ItemFilter
{
    private readonly string? _search;
    private readonly bool _searchIsPlain;
    private readonly List<(string Key, string? Canonical)> _metadata;

    public ItemFilter(ItemQuery query)
    {
        _search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        _searchIsPlain = _search is not null && _search.All(static c => c is >= ' ' and <= '~' and not '"' and not '\\');
        ExternalId = query.ExternalId is null ? null : Guard.ExternalId(query.ExternalId, nameof(query) + ".ExternalId");
        _metadata = [];
        if (query.Metadata is not null)
        {
            foreach (var (key, value) in query.Metadata)
            {
                ArgumentNullException.ThrowIfNull(key, nameof(query) + ".Metadata");
                string? canonical;
                try
                {
                    canonical = ItemContent.IsNull(value) ? null : PayloadEncoder.ToCanonicalText(value!);
                }
                catch (PayloadProblem problem)
                {
                    throw new ArgumentException($"The metadata filter '{key}' {problem.Problem}.", nameof(query), problem);
                }

                _metadata.Add((key, canonical));
            }

            _metadata.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        Digest = ComputeDigest();
    }

    /// <summary>Gets the external id every match must have, if any.</summary>
    public string? ExternalId { get; }

    /// <summary>Gets whether any filter is set.</summary>
    public bool IsEmpty => _search is null && ExternalId is null && _metadata.Count == 0;

    /// <summary>Gets a short digest of the filters, carried by cursors.</summary>
    public string Digest { get; }

    /// <summary>Whether a revision passes every filter.</summary>
    public bool Matches(RevisionRecord row)
    {
        if (ExternalId is not null && row.ExternalId != ExternalId)
        {
            return false;
        }

        if (_metadata.Count > 0 && !MetadataMatches(row.MetadataText))
        {
            return false;
        }

        return _search is null || TextContains(row.InputText) || (row.ExpectedText is not null && TextContains(row.ExpectedText));
    }

    private bool MetadataMatches(string? metadataText)
    {
        if (metadataText is null)
        {
            return false;
        }

        var metadata = (JsonObject)PayloadEncoder.Parse(metadataText);
        foreach (var (key, canonical) in _metadata)
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

    /// <summary>Whether some string value (not a key) of a stored payload contains the search text, ignoring case.</summary>
    private bool TextContains(string storedText)
    {
        // Stored text escapes only quotes, backslashes and control characters, so plain search text that
        // does not occur in it anywhere cannot occur in any of its string values.
        if (_searchIsPlain && !storedText.Contains(_search!, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(storedText), new JsonReaderOptions { MaxDepth = PayloadEncoder.MaxDepth + 1 });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(_search!, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private string ComputeDigest()
    {
        if (IsEmpty)
        {
            return "-";
        }

        var text = new StringBuilder();
        text.Append("s=").Append(_search).Append('\u0001').Append("x=").Append(ExternalId).Append('\u0001');
        foreach (var (key, canonical) in _metadata)
        {
            text.Append("m=").Append(key).Append('\u0002').Append(canonical ?? "\u0003").Append('\u0001');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }
}
