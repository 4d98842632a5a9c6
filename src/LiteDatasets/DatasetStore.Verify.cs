using LiteDatasets.Storage;

namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Checks every invariant of the store: versions gap-free, one live revision per live item and no
    /// overlapping revision ranges, counts and fingerprints of every version equal to what its items give
    /// (recomputed from the stored content), tags naming existing versions, indexes listing every document.
    /// Writers wait while it runs.
    /// </summary>
    /// <returns>The report; <see cref="VerifyReport.IsHealthy"/> when nothing is wrong.</returns>
    public VerifyReport Verify() => Exclusive(() => new Verifier(_connection.Database, _connection.FormatVersion).Run());
}
