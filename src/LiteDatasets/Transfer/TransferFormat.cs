namespace LiteDatasets;

/// <summary>The file formats <see cref="DatasetTransfer"/> reads and writes.</summary>
public enum TransferFormat
{
    /// <summary>JSON Lines: one JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    Jsonl = 0,

    /// <summary>One JSON array of objects (<c>.json</c>); read incrementally, never loaded whole.</summary>
    Json = 1,

    /// <summary>
    /// Comma-separated values with a header row (<c>.csv</c>, RFC 4180). The native shape is written as
    /// <c>id,externalId,input:json,expectedOutput:json,metadata:json</c>: payloads as JSON text, so every value
    /// keeps its type, and any cell that would start like a spreadsheet formula (<c>= + - @</c>, tab, carriage
    /// return) or with <c>'</c> behind a <c>'</c>, which import removes.
    /// </summary>
    Csv = 2,

    /// <summary>
    /// Tab-separated values with a header row (<c>.tsv</c>): CSV with a tab for the comma, read and written by
    /// the same rules (a cell that holds a tab, a quote or a line break is quoted).
    /// </summary>
    Tsv = 3,

    /// <summary>
    /// Apache Parquet (<c>.parquet</c>), read and written one row group at a time. The native shape has the string
    /// columns <c>id</c>, <c>externalId</c>, <c>input</c>, <c>expectedOutput</c> and <c>metadata</c>, the payloads
    /// as JSON text; other files are read through a mapping, each row as an object of its columns (structs as
    /// objects, lists as arrays, dates as ISO 8601 strings, binary as base64).
    /// </summary>
    Parquet = 4,
}
