namespace LiteDatasets;

/// <summary>What an import did: a summary, not the items.</summary>
/// <param name="DatasetId">The dataset imported into.</param>
/// <param name="Version">The new version, or the unchanged current one when nothing changed.</param>
/// <param name="Created">Whether a version was created.</param>
/// <param name="Read">How many drafts were read and applied (a file import does not count a record it skipped for repeating an earlier key).</param>
/// <param name="Added">How many items were added.</param>
/// <param name="Updated">How many items were changed.</param>
/// <param name="Deleted">How many items were deleted (sync only).</param>
/// <param name="Unchanged">How many drafts matched an item with identical content.</param>
public sealed record ImportResult(string DatasetId, long Version, bool Created, int Read, int Added, int Updated, int Deleted, int Unchanged);
