namespace LiteDatasets;

/// <summary>Options of <see cref="DatasetHistory.Copy(IDatasetStore, IDatasetStore, string, HistoryCopyOptions?, CancellationToken)"/>.</summary>
public sealed record HistoryCopyOptions
{
    /// <summary>Gets the last version to copy (versions 1 to it: a fork); <see langword="null"/> for the current version.</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the last version to copy, instead of <see cref="Version"/>.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets a new name for the copy, which then gets a new id too (see <see cref="HistoryImportOptions.AsName"/>).</summary>
    public string? AsName { get; init; }

    /// <summary>Gets whether to check everything and report what would be written, writing nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Gets what receives the number of each version once it is committed (called on the writing thread, before the
    /// next version starts); <see langword="null"/> for none.
    /// </summary>
    public IProgress<long>? Progress { get; init; }
}
