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
            _ => null,
        };

    /// <summary>Returns the format to use for <paramref name="path"/>: the one given, else the extension's.</summary>
    /// <exception cref="ArgumentException">Neither names a format.</exception>
    public static TransferFormat Resolve(TransferFormat? given, string path) =>
        given ?? FromPath(path) ?? throw new ArgumentException(
            $"Cannot tell the format of '{Path.GetFileName(path)}' from its extension; name it (JSONL, JSON or CSV) in the options.", nameof(path));

    /// <summary>Gets the name people know a format by.</summary>
    public static string Name(TransferFormat format) => format switch
    {
        TransferFormat.Jsonl => "JSONL",
        TransferFormat.Json => "JSON",
        _ => "CSV",
    };
}
