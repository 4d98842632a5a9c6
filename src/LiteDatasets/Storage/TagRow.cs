namespace LiteDatasets.Storage;

/// <summary>A tag as an engine stores it.</summary>
/// <param name="RowId">The engine's identity of the row (0 until the engine has stored it).</param>
/// <param name="DatasetKey">The dataset's <see cref="DatasetRow.Key"/>.</param>
/// <param name="Name">The tag (case-sensitive).</param>
/// <param name="Version">The version it names.</param>
internal sealed record TagRow(long RowId, int DatasetKey, string Name, long Version);
