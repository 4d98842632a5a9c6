namespace LiteDatasets;

/// <summary>Selects a page of datasets for <see cref="IDatasetStore.ListDatasets"/>, ordered by name.</summary>
public sealed record DatasetQuery
{
    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="DatasetPage.NextCursor"/> by the previous page; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Gets a case-insensitive substring the name must contain; <see langword="null"/> (any name) by default.</summary>
    public string? NameContains { get; init; }
}
