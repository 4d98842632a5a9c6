using LiteDatasets.Json;
using LiteDatasets.Services;

namespace LiteDatasets.Storage;

/// <summary>A dataset as an engine stores it: its definition plus the counters every commit advances.</summary>
/// <param name="Id">The dataset's id.</param>
/// <param name="Key">The engine-wide number that the dataset's other rows carry instead of its id.</param>
/// <param name="Name">The name, as given.</param>
/// <param name="Description">The description.</param>
/// <param name="MetadataText">The metadata as stored JSON text.</param>
/// <param name="InputSchemaText">The input schema in force now, as stored JSON text.</param>
/// <param name="ExpectedOutputSchemaText">The expected-output schema in force now, as stored JSON text.</param>
/// <param name="Version">The current version.</param>
/// <param name="ItemCount">The live items at the current version.</param>
/// <param name="LastSeq">The highest sequence number given to an item (items are listed in this order).</param>
/// <param name="Fingerprint">The current version's fingerprint (32 bytes).</param>
/// <param name="CreatedAt">When the dataset was created (UTC milliseconds).</param>
/// <param name="UpdatedAt">When the dataset last changed (UTC milliseconds).</param>
/// <param name="LastVersionAt">When the current version was committed (UTC milliseconds).</param>
internal sealed record DatasetRow(
    string Id,
    int Key,
    string Name,
    string? Description,
    string? MetadataText,
    string? InputSchemaText,
    string? ExpectedOutputSchemaText,
    long Version,
    long ItemCount,
    long LastSeq,
    byte[] Fingerprint,
    long CreatedAt,
    long UpdatedAt,
    long LastVersionAt)
{
    /// <summary>Gets the key the name is unique under (see <see cref="KeyOfName"/>).</summary>
    public string NameKey => KeyOfName(Name);

    /// <summary>
    /// The key names are unique under: the name with each character replaced by its invariant upper case
    /// where ordinal ignore-case comparison agrees that they are equal (it does not for a few, such as U+017F).
    /// </summary>
    public static string KeyOfName(string name)
    {
        var upper = name.ToUpperInvariant();
        if (upper.Length != name.Length)
        {
            return upper;
        }

        return string.Create(name.Length, (name, upper), static (key, pair) =>
        {
            for (var i = 0; i < key.Length; i++)
            {
                var same = char.IsSurrogate(pair.name[i])
                    || string.Equals(pair.name.Substring(i, 1), pair.upper.Substring(i, 1), StringComparison.OrdinalIgnoreCase);
                key[i] = same ? pair.upper[i] : pair.name[i];
            }
        });
    }

    /// <summary>Builds the public dataset with fresh nodes.</summary>
    public Dataset ToDataset() => new(
        Id,
        Name,
        Description,
        MetadataText is null ? null : PayloadEncoder.ParseObject(MetadataText),
        Parse(InputSchemaText),
        Parse(ExpectedOutputSchemaText),
        Version,
        ItemCount,
        Time.FromUnixMilliseconds(CreatedAt),
        Time.FromUnixMilliseconds(UpdatedAt));

    private static System.Text.Json.Nodes.JsonNode? Parse(string? text) => text is null ? null : PayloadEncoder.Parse(text);
}
