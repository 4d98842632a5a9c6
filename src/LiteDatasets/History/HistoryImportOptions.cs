namespace LiteDatasets;

/// <summary>Options of <see cref="DatasetHistory.Import(IDatasetStore, Stream, HistoryImportOptions?, CancellationToken)"/>.</summary>
public sealed record HistoryImportOptions
{
    /// <summary>
    /// Gets a new name for the dataset: it is then stored as a new dataset, with a new id, beside the one it was copied
    /// from; <see langword="null"/> keeps the name and id, so that a store holding the dataset already receives only the
    /// versions it lacks.
    /// </summary>
    public string? AsName { get; init; }

    /// <summary>
    /// Gets the name (ignoring case) or id that the bundle's dataset must have: a bundle of another dataset is then refused
    /// before anything is read further; <see langword="null"/> takes any.
    /// </summary>
    public string? Dataset { get; init; }

    /// <summary>Gets whether to check everything and report what would be written, writing nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// Gets what receives the number of each version once it is committed (called on the writing thread, before the
    /// next version starts); <see langword="null"/> for none.
    /// </summary>
    public IProgress<long>? Progress { get; init; }
}
