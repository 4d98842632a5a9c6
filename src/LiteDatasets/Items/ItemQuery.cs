using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>Selects a page of items for <see cref="IDatasetStore.ListItems"/>.</summary>
public sealed record ItemQuery
{
    /// <summary>Gets the version to read; <see langword="null"/> reads the current one (or the cursor's).</summary>
    public long? Version { get; init; }

    /// <summary>Gets a tag naming the version to read; not together with <see cref="Version"/>.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets a case-insensitive substring that some string value of the input or expected output must contain.</summary>
    public string? Search { get; init; }

    /// <summary>Gets top-level metadata fields that must equal the given values (compared by canonical JSON).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Metadata { get; init; }

    /// <summary>Gets the external id the item must have.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="ItemPage.NextCursor"/>; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Gets the number of matching items to skip (offset paging); not together with <see cref="After"/>.</summary>
    public int? Offset { get; init; }
}
