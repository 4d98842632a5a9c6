namespace LiteDatasets;

/// <summary>How a <see cref="ResultRecorder"/> batches its commits (see <see cref="IDatasetStore.OpenRecorder"/>).</summary>
public sealed record RecorderOptions
{
    /// <summary>The most results one commit of a recorder holds.</summary>
    public const int MaxBatchSize = 10_000;

    /// <summary>Gets how many buffered results start a commit, 1–10,000; 100 by default.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// Gets how long results may wait in the buffer before a commit: every interval, whatever is buffered is committed.
    /// One second by default; <see cref="Timeout.InfiniteTimeSpan"/> commits only by count, flush and disposal.
    /// </summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
}
