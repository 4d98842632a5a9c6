namespace LiteDatasets.Transfer;

/// <summary>Reads the records of one import source, lazily, in order.</summary>
internal interface IRecordSource
{
    /// <summary>
    /// Reads the records. A malformed record that the source can read past is returned with its problem; one
    /// it cannot read past throws <see cref="ImportFormatException"/>.
    /// </summary>
    IEnumerable<SourceRecord> Read();
}
