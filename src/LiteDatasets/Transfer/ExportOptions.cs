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

    /// <summary>Gets a receiver of progress reports, called on the exporting thread; <see langword="null"/> (the default) for none.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }
}
