namespace LiteDatasets;

/// <summary>Options accepted by every call that can create a version.</summary>
public sealed record WriteOptions
{
    /// <summary>Gets the message stored on the new version; <see langword="null"/> (the default) keeps the automatic one, if any.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// Gets the version the caller expects the dataset to be at. When set and the dataset is at another
    /// version, the call fails with <see cref="ErrorCode.VersionConflict"/> and writes nothing, even if it
    /// would have changed nothing. <see langword="null"/> (the default) skips the check.
    /// </summary>
    public long? ExpectedVersion { get; init; }
}
