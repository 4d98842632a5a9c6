namespace LiteDatasets;

/// <summary>Selects a page of versions for <see cref="IDatasetStore.ListVersions"/>, newest first.</summary>
public sealed record VersionQuery
{
    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="VersionPage.NextCursor"/>; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }
}
