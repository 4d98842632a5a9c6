namespace LiteDatasets;

/// <summary>Options of <see cref="DatasetHistory.Export(IDatasetStore, string, Stream, HistoryExportOptions?, CancellationToken)"/>.</summary>
public sealed record HistoryExportOptions
{
    /// <summary>Gets the last version to write (versions 1 to it: a fork); <see langword="null"/> for the current version.</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the last version to write, instead of <see cref="Version"/>.</summary>
    public string? Tag { get; init; }
}
