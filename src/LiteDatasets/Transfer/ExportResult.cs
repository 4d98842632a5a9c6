namespace LiteDatasets;

/// <summary>What <see cref="DatasetTransfer"/> exported.</summary>
/// <param name="DatasetId">The dataset's id.</param>
/// <param name="Version">The version written.</param>
/// <param name="Items">How many items were written.</param>
/// <param name="Format">The format written.</param>
public sealed record ExportResult(string DatasetId, long Version, long Items, TransferFormat Format)
{
    /// <summary>
    /// Gets how many items of the version passed the filters (<see cref="ExportOptions.Search"/>,
    /// <see cref="ExportOptions.Metadata"/>): the same as <see cref="Items"/> (the default), unless a sample was
    /// drawn from them.
    /// </summary>
    public long Matched { get; init; } = Items;
}
