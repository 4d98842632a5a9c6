namespace LiteDatasets;

/// <summary>Selects a page of an experiment's results for <see cref="IDatasetStore.ListResults"/>, in the order of its pinned snapshot.</summary>
public sealed record ResultQuery
{
    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="ResultPage.NextCursor"/> by the previous page; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }
}
