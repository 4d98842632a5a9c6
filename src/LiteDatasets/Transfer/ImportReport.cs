namespace LiteDatasets;

/// <summary>What <see cref="DatasetTransfer"/> imported: the store's summary of the write, and the records it skipped.</summary>
/// <param name="Result">The write's summary: version, whether one was created, and counts.</param>
/// <param name="Source">The name of the source (the file's name, or <see cref="ImportOptions.SourceName"/>).</param>
/// <param name="Format">The format read.</param>
/// <param name="SkippedLines">The skipped records, the first <see cref="DatasetTransfer.MaxReportedSkips"/> of them.</param>
/// <param name="SkippedCount">How many records were skipped in all.</param>
public sealed record ImportReport(ImportResult Result, string Source, TransferFormat Format, IReadOnlyList<SkippedLine> SkippedLines, long SkippedCount)
{
    /// <summary>
    /// Gets, for each field the mapping names as the expected output or as metadata that some records lack
    /// (missing, null, or an empty CSV cell), how many records lack it. A mapped field that no record has at
    /// all refuses the import instead (<see cref="ImportFormatException"/>): its name is probably misspelt.
    /// </summary>
    public IReadOnlyDictionary<string, long> LackingFields { get; init; } = new Dictionary<string, long>();
}
