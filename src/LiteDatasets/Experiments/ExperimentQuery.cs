namespace LiteDatasets;

/// <summary>Selects a page of a dataset's experiments for <see cref="IDatasetStore.ListExperiments"/>, newest first.</summary>
public sealed record ExperimentQuery
{
    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="ExperimentPage.NextCursor"/> by the previous page; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }
}
