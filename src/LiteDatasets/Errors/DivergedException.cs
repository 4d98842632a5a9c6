namespace LiteDatasets;

/// <summary>
/// Thrown with <see cref="ErrorCode.Diverged"/> when a dataset's history cannot be brought from one store to another
/// by appending versions, because the two histories part after <see cref="LastCommonVersion"/>.
/// </summary>
public sealed class DivergedException : LiteDatasetsException
{
    internal DivergedException(string message, long lastCommonVersion)
        : base(ErrorCode.Diverged, message) => LastCommonVersion = lastCommonVersion;

    /// <summary>Gets the last version both stores hold with the same fingerprint (0 when they share none).</summary>
    public long LastCommonVersion { get; }
}
