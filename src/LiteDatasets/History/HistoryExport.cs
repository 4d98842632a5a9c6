namespace LiteDatasets;

/// <summary>What an export of a dataset's history wrote.</summary>
/// <param name="DatasetId">The dataset's id.</param>
/// <param name="Versions">How many versions the bundle holds (1 to this number).</param>
/// <param name="Tags">How many tags it holds.</param>
public sealed record HistoryExport(string DatasetId, long Versions, int Tags);
