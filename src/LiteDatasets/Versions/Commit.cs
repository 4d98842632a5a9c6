namespace LiteDatasets;

/// <summary>The outcome of a write call.</summary>
/// <param name="DatasetId">The dataset written to.</param>
/// <param name="Version">The new version, or the unchanged current one when nothing changed.</param>
/// <param name="Created">Whether a version was created.</param>
/// <param name="Added">How many items the call added.</param>
/// <param name="Updated">How many items the call changed.</param>
/// <param name="Deleted">How many items the call deleted.</param>
/// <param name="Items">For adds, updates and upserts, each input draft's resulting live item in input order (unchanged ones included); for a restore, the items it re-added or changed.</param>
/// <param name="DeletedIds">The ids of the items the call deleted.</param>
public sealed record Commit(
    string DatasetId,
    long Version,
    bool Created,
    int Added,
    int Updated,
    int Deleted,
    IReadOnlyList<DatasetItem> Items,
    IReadOnlyList<string> DeletedIds);
