namespace LiteDatasets;

/// <summary>Settings for <see cref="DatasetStore.Open(DatasetStoreOptions)"/>.</summary>
public sealed record DatasetStoreOptions
{
    /// <summary>Gets the path of the store file; required for <see cref="DatasetStore.Open(DatasetStoreOptions)"/>, ignored in memory.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Gets whether to open for reading only; <see langword="false"/> by default. A missing file is then a
    /// <see cref="FileNotFoundException"/> and every write fails with <see cref="ErrorCode.ReadOnly"/>.
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>
    /// Gets whether several processes may open the file at once; <see langword="false"/> by default. Every
    /// opener must ask for it. In shared mode each call takes the store's lock on the file itself (it holds
    /// across processes and every path to the file: links, hard links, bind mounts), opens the file afresh and
    /// moves its commit into the data file before it returns, so the next call in any process sees it. That
    /// makes each call several times slower than in exclusive mode; <see cref="Durable"/> applies as there.
    /// Shared mode needs Linux or Windows.
    /// </summary>
    public bool Shared { get; init; }

    /// <summary>
    /// Gets whether a commit is flushed to stable storage before it returns, so that it survives an OS crash
    /// or power loss; <see langword="true"/> by default. With <see langword="false"/> a returned commit still
    /// survives a process kill.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>
    /// Gets whether opening a file of an older format for writing upgrades it to the format this build
    /// writes; <see langword="true"/> by default. Each step of an upgrade is one transaction, so a crash
    /// leaves the file at an intermediate format that the next open carries on from. Older builds cannot
    /// open an upgraded file: set <see langword="false"/> to get <see cref="ErrorCode.UnsupportedFormat"/>
    /// instead, and back the file up before upgrading if an older build must still read it. Read-only opens
    /// never upgrade.
    /// </summary>
    public bool UpgradeFormat { get; init; } = true;

    /// <summary>Gets the clock used for every timestamp; <see cref="System.TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets how long a write waits for its dataset's lock before failing with <see cref="ErrorCode.Busy"/>; 30 seconds by default.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets how long the regular expressions of a dataset's schemas (<c>pattern</c>, <c>patternProperties</c>) may
    /// run in one call, summed over every item the call checks: a write, or a schema change that checks the live
    /// items; 1 second by default. Each match also stops after 200 ms, and the value then fails the schema. A call
    /// that spends its budget fails with <see cref="ErrorCode.SchemaViolation"/> naming the item being checked,
    /// and writes nothing. The rest of validation is never time-limited. Raise it for calls that check millions
    /// of values against patterns; <see cref="Timeout.InfiniteTimeSpan"/> leaves only the per-match limit.
    /// </summary>
    public TimeSpan PatternTimeBudget { get; init; } = Schemas.PatternBudget.DefaultTotal;
}
