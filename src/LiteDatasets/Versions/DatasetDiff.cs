namespace LiteDatasets;

/// <summary>The differences between two versions of a dataset.</summary>
/// <param name="DatasetId">The dataset's id.</param>
/// <param name="FromVersion">The version compared from.</param>
/// <param name="ToVersion">The version compared to.</param>
/// <param name="Added">Items live in <paramref name="ToVersion"/> but not in <paramref name="FromVersion"/>.</param>
/// <param name="Removed">Items live in <paramref name="FromVersion"/> but not in <paramref name="ToVersion"/>.</param>
/// <param name="Modified">Items live in both whose content differs.</param>
public sealed record DatasetDiff(
    string DatasetId,
    long FromVersion,
    long ToVersion,
    IReadOnlyList<ItemChange> Added,
    IReadOnlyList<ItemChange> Removed,
    IReadOnlyList<ItemChange> Modified);
