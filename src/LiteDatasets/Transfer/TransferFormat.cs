namespace LiteDatasets;

/// <summary>The file formats <see cref="DatasetTransfer"/> reads and writes.</summary>
public enum TransferFormat
{
    /// <summary>JSON Lines: one JSON object per line (<c>.jsonl</c>, <c>.ndjson</c>).</summary>
    Jsonl = 0,

    /// <summary>One JSON array of objects (<c>.json</c>); read incrementally, never loaded whole.</summary>
    Json = 1,

    /// <summary>Comma-separated values with a header row (<c>.csv</c>, RFC 4180).</summary>
    Csv = 2,
}
