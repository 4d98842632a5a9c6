namespace LiteDatasets;

public sealed partial class DatasetStore
{
    /// <summary>
    /// Recomputes a version's fingerprint from the stored items themselves (their canonical JSON), without
    /// trusting anything kept alongside them. Equal to <see cref="DatasetVersion.Fingerprint"/> in a healthy
    /// file; anyone can compute the same value from an export of the version.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="version">A version in <c>0..current</c>; <see langword="null"/> for the current one.</param>
    /// <returns>64 lowercase hex digits.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/> or <see cref="ErrorCode.VersionNotFound"/>.</exception>
    public string ComputeFingerprint(string datasetId, long? version = null)
    {
        Guard.Name(datasetId);
        var sum = System.Numerics.BigInteger.Zero;
        foreach (var row in StreamRows(datasetId, version))
        {
            // Hashed from the stored bytes' canonical form, as Verify does; the kept hash is never read.
            sum += Fingerprint.Term(row.Hash);
        }

        return Fingerprint.ToHex(Fingerprint.FromInteger(sum));
    }
}
