using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The filters of an <see cref="ItemQuery"/>, applied in memory to revisions (never spliced into a LiteDB
/// expression). Its digest ties a cursor to the filters it was read with.
/// </summary>
internal sealed class ItemFilter
{
    private readonly string? _search;
    private readonly bool _searchIsPlain;
    private readonly byte[]? _searchUtf8;
    private readonly MetadataCondition _metadata;

    public ItemFilter(ItemQuery query)
    {
        _search = string.IsNullOrEmpty(query.Search) ? null : query.Search;
        // The quick byte scan is exact only for ASCII letters, digits and punctuation: other characters can
        // match case-insensitively in ways an ASCII scan does not see (Kelvin sign, dotless i...).
        _searchIsPlain = _search is not null && _search.All(static c => c is >= ' ' and <= '~' and not '"' and not '\\' and not 'k' and not 'K' and not 'i' and not 'I' and not 's' and not 'S');
        _searchUtf8 = _searchIsPlain ? Encoding.ASCII.GetBytes(_search!.ToLowerInvariant()) : null;
        ExternalId = query.ExternalId is null ? null : Guard.ExternalId(query.ExternalId, nameof(query) + ".ExternalId");
        _metadata = MetadataCondition.From(query.Metadata, nameof(query));
        Digest = ComputeDigest();
    }

    /// <summary>Gets the external id every match must have, if any.</summary>
    public string? ExternalId { get; }

    /// <summary>Gets whether any filter is set.</summary>
    public bool IsEmpty => _search is null && ExternalId is null && _metadata.IsEmpty;

    /// <summary>Gets a short digest of the filters, carried by cursors.</summary>
    public string Digest { get; }

    /// <summary>Whether a revision passes every filter.</summary>
    public bool Matches(RevisionRow row)
    {
        if (ExternalId is not null && row.ExternalId != ExternalId)
        {
            return false;
        }

        if (!_metadata.Matches(row.Metadata))
        {
            return false;
        }

        return _search is null || TextContains(row.Input) || (row.Expected is not null && TextContains(row.Expected));
    }

    /// <summary>
    /// Whether an item read from the store passes every filter, by the same rules as <see cref="Matches(RevisionRow)"/>:
    /// export filters the items it streams with it, where paging through matches would count them all per page.
    /// </summary>
    public bool Matches(DatasetItem item) =>
        (ExternalId is null || item.ExternalId == ExternalId)
        && _metadata.Matches(item.Metadata)
        && (_search is null || TextContains(item.Input) || TextContains(item.ExpectedOutput));

    /// <summary>Whether some string value (not a key) of a payload contains the search text, ignoring case.</summary>
    private bool TextContains(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Any(p => TextContains(p.Value)),
        JsonArray array => array.Any(TextContains),
        JsonValue value => value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains(_search!, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>Whether some string value (not a key) of a stored payload contains the search text, ignoring case.</summary>
    private bool TextContains(byte[] stored)
    {
        // Stored JSON escapes only quotes, backslashes and control characters, so plain ASCII search text
        // that occurs nowhere in it (ignoring ASCII case) cannot occur in any of its string values.
        if (_searchIsPlain && !ContainsAsciiIgnoreCase(stored, _searchUtf8!))
        {
            return false;
        }

        var reader = new Utf8JsonReader(stored, new JsonReaderOptions { MaxDepth = PayloadEncoder.MaxDepth + 1 });
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString()!.Contains(_search!, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAsciiIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lowerNeedle)
    {
        for (var i = 0; i + lowerNeedle.Length <= text.Length; i++)
        {
            var j = 0;
            while (j < lowerNeedle.Length && ToLowerAscii(text[i + j]) == lowerNeedle[j])
            {
                j++;
            }

            if (j == lowerNeedle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static byte ToLowerAscii(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;

    private string ComputeDigest()
    {
        if (IsEmpty)
        {
            return "-";
        }

        var text = new StringBuilder();
        text.Append("s=").Append(_search).Append('\u0001').Append("x=").Append(ExternalId).Append('\u0001');
        foreach (var (key, canonical) in _metadata.Fields)
        {
            text.Append("m=").Append(key).Append('\u0002').Append(canonical ?? "\u0003").Append('\u0001');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }
}
