namespace LiteDatasets;

/// <summary>What <see cref="DatasetTransfer"/> exported.</summary>
/// <param name="DatasetId">The dataset's id.</param>
/// <param name="Version">The version written.</param>
/// <param name="Items">How many items were written.</param>
/// <param name="Format">The format written.</param>
public sealed record ExportResult(string DatasetId, long Version, long Items, TransferFormat Format);
