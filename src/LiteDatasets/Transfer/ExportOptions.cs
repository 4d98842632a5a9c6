using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>Settings for <see cref="DatasetTransfer.Export(IDatasetStore, string, string, ExportOptions?)"/>.</summary>
public sealed record ExportOptions
{
    /// <summary>
    /// Gets the format to write; <see langword="null"/> (the default) tells it from the file's extension.
    /// Required when exporting to a stream.
    /// </summary>
    public TransferFormat? Format { get; init; }

    /// <summary>Gets the version to export; <see langword="null"/> (the default) exports the current one. Not together with <see cref="Tag"/>.</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the version to export; <see langword="null"/> (the default) for none. Not together with <see cref="Version"/>.</summary>
    public string? Tag { get; init; }

    /// <summary>
    /// Gets a case-insensitive substring that some string value of an item's input or expected output must
    /// contain, as <see cref="ItemQuery.Search"/>; <see langword="null"/> (the default) exports every item.
    /// </summary>
    public string? Search { get; init; }

    /// <summary>
    /// Gets top-level metadata fields an item must have with the given values (compared by canonical JSON; every
    /// one must match), as <see cref="ItemQuery.Metadata"/>; <see langword="null"/> (the default) for none.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? Metadata { get; init; }

    /// <summary>
    /// Gets how many items to export as a seeded sample of the items that pass the filters; <see langword="null"/>
    /// (the default) exports them all. The sample holds the items whose ids rank lowest under
    /// <see cref="Seed"/>, written in the version's order: the same version, filters, size and seed always give
    /// the same items, and the export holds only the sample in memory.
    /// </summary>
    public int? SampleSize { get; init; }

    /// <summary>Gets the seed of the sample (<see cref="SampleSize"/>); 0 by default. Another seed draws another sample.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Gets the shape to write: <see cref="FieldMapping.Native"/> (the default) writes the native shape; a mapping
    /// writes each item under the mapping's fields, the inverse of importing with it, so that a file imported
    /// with a mapping and exported with the same one gives its records back (key first, then the input, the
    /// expected output and the metadata fields; the key as a string). Metadata the mapping does not name, item
    /// ids, and <see cref="FieldMapping.ConstantMetadata"/> are left out. CSV and TSV get one column per top-level
    /// field, strings as they are and other values as JSON text (read them back with <see cref="ImportOptions.JsonColumns"/>);
    /// such cells are not guarded against spreadsheet formulas.
    /// </summary>
    public FieldMapping Mapping { get; init; } = FieldMapping.Native;

    /// <summary>Gets the CSV field delimiter; <c>','</c> by default. TSV always uses a tab.</summary>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>Gets a receiver of progress reports, called on the exporting thread; <see langword="null"/> (the default) for none.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }
}
