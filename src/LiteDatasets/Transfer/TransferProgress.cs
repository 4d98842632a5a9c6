namespace LiteDatasets;

/// <summary>How far an import or export has got, reported through <see cref="ImportOptions.Progress"/> or <see cref="ExportOptions.Progress"/>.</summary>
/// <param name="Items">Records read (import) or items written (export) so far.</param>
/// <param name="TotalItems">The number of items to write (export), or <see langword="null"/> when unknown (import).</param>
/// <param name="Bytes">Bytes read from the source so far (import), or <see langword="null"/>.</param>
/// <param name="TotalBytes">The source's length when it is known (an import from a file), or <see langword="null"/>.</param>
public sealed record TransferProgress(long Items, long? TotalItems, long? Bytes, long? TotalBytes);
