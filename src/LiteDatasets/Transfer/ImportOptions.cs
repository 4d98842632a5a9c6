namespace LiteDatasets;

/// <summary>Settings for <see cref="DatasetTransfer.Import(IDatasetStore, string, string, ImportOptions?)"/>.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// Gets the source's format; <see langword="null"/> (the default) tells it from the file's extension
    /// (<c>.jsonl</c>/<c>.ndjson</c>, <c>.json</c>, <c>.csv</c>, <c>.tsv</c>). Required when importing from a stream.
    /// </summary>
    public TransferFormat? Format { get; init; }

    /// <summary>Gets which fields hold the input, expected output, metadata and key; <see cref="FieldMapping.Native"/> by default.</summary>
    public FieldMapping Mapping { get; init; } = FieldMapping.Native;

    /// <summary>
    /// Gets how records are matched to live items; <see cref="ImportMode.Append"/> by default. Upsert and sync
    /// match by key (the external id), so a mapped import in those modes needs <see cref="FieldMapping.Key"/>.
    /// </summary>
    public ImportMode Mode { get; init; } = ImportMode.Append;

    /// <summary>Gets the new version's message; <see langword="null"/> (the default) uses "Imported &lt;source name&gt;".</summary>
    public string? Message { get; init; }

    /// <summary>Gets the version the dataset must be at, or the import fails with <see cref="ErrorCode.VersionConflict"/>; <see langword="null"/> (the default) skips the check.</summary>
    public long? ExpectedVersion { get; init; }

    /// <summary>
    /// Gets whether malformed records are skipped and reported instead of stopping the import;
    /// <see langword="false"/> by default (the first bad record stops the import and nothing is written).
    /// A file that cannot be read further (a JSON syntax error in a JSON array, bytes that are not UTF-8 in
    /// a CSV file) still stops the import.
    /// </summary>
    public bool SkipBadLines { get; init; }

    /// <summary>
    /// Gets the CSV and TSV columns whose cells are JSON text to parse (one leading <c>'</c>, a spreadsheet's text
    /// marker, is ignored); <see langword="null"/> (the default) reads every other cell as a string. The native
    /// shape's own JSON columns are always JSON: <c>metadata</c>, and every column whose name ends in
    /// <c>:json</c> (the lossless form that export writes, <c>id,externalId,input:json,expectedOutput:json,metadata:json</c>).
    /// In Parquet, the string cells of these columns are parsed (a mapped export writes values other than strings
    /// as JSON text); the native payload columns <c>input</c>, <c>expectedOutput</c> and <c>metadata</c> always are.
    /// </summary>
    public IReadOnlyList<string>? JsonColumns { get; init; }

    /// <summary>Gets the CSV field delimiter, such as <c>';'</c>; <c>','</c> by default. TSV always uses a tab. A quote or line break is refused.</summary>
    public char CsvDelimiter { get; init; } = ',';

    /// <summary>Gets the name used for the source in messages and the default version message; <see langword="null"/> (the default) uses the file's name.</summary>
    public string? SourceName { get; init; }

    /// <summary>Gets a receiver of progress reports, called on the importing thread; <see langword="null"/> (the default) for none.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>Gets a callback told of every skipped record as it is skipped; <see langword="null"/> (the default) for none.</summary>
    public Action<SkippedLine>? LineSkipped { get; init; }
}
