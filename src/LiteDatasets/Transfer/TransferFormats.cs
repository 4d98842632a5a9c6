namespace LiteDatasets.Transfer;

/// <summary>Tells a file's format from its extension.</summary>
internal static class TransferFormats
{
    /// <summary>Returns the format named by <paramref name="path"/>'s extension, or <see langword="null"/> when it names none.</summary>
    public static TransferFormat? FromPath(string path) =>
        Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSONL" or ".NDJSON" => TransferFormat.Jsonl,
            ".JSON" => TransferFormat.Json,
            ".CSV" => TransferFormat.Csv,
            ".TSV" => TransferFormat.Tsv,
            ".PARQUET" => TransferFormat.Parquet,
            _ => null,
        };

    /// <summary>Returns the format to use for <paramref name="path"/>: the one given, else the extension's.</summary>
    /// <exception cref="ArgumentException">Neither names a format.</exception>
    public static TransferFormat Resolve(TransferFormat? given, string path) =>
        given ?? FromPath(path) ?? throw new ArgumentException(
            $"Cannot tell the format of '{Path.GetFileName(path)}' from its extension; name it (JSONL, JSON, CSV, TSV or Parquet) in the options.", nameof(path));

    /// <summary>Gets the name people know a format by.</summary>
    public static string Name(TransferFormat format) => format switch
    {
        TransferFormat.Jsonl => "JSONL",
        TransferFormat.Json => "JSON",
        TransferFormat.Tsv => "TSV",
        TransferFormat.Parquet => "Parquet",
        _ => "CSV",
    };

    /// <summary>Gets whether a format is a table of cells with a header row (CSV or TSV).</summary>
    public static bool IsTable(TransferFormat format) => format is TransferFormat.Csv or TransferFormat.Tsv;

    /// <summary>Gets the cell delimiter of a table format: a tab for TSV, else the one given for CSV.</summary>
    /// <exception cref="ArgumentException">The CSV delimiter is a quote or a line break.</exception>
    public static char Delimiter(TransferFormat format, char csvDelimiter) =>
        format == TransferFormat.Tsv ? '\t'
        : csvDelimiter is '"' or '\r' or '\n' ? throw new ArgumentException("The CSV delimiter cannot be a quote or a line break; use a character such as ',', ';' or a tab.", nameof(csvDelimiter))
        : csvDelimiter;
}
