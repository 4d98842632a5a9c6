using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// How the LiteDB engine opens and runs a store file: the caller's <see cref="DatasetStoreOptions"/>, plus the
/// format plan and the page pool, which only tests change (to exercise upgrades, to make a small write spill).
/// </summary>
internal sealed record StoreSettings
{
    /// <summary>Gets the path of the store file (null in memory).</summary>
    public string? Path { get; init; }

    /// <summary>Gets whether writes are refused.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets whether several processes may use the file.</summary>
    public bool Shared { get; init; }

    /// <summary>Gets whether commits are synced before they return.</summary>
    public bool Durable { get; init; } = true;

    /// <summary>Gets whether an older format is upgraded when opened for writing.</summary>
    public bool UpgradeFormat { get; init; } = true;

    /// <summary>Gets how long a call waits for a lock before failing with <see cref="ErrorCode.Busy"/>.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the formats the store knows.</summary>
    public FormatPlan Formats { get; init; } = FormatPlan.Current;

    /// <summary>Gets how many 8 KB pages LiteDB may hold in memory for open transactions before it spills them to the journal.</summary>
    public int TransactionPoolPages { get; init; } = TransactionMemory.PoolPages;

    /// <summary>Returns the settings of a store opened with <paramref name="options"/>.</summary>
    public static StoreSettings From(DatasetStoreOptions options) => new()
    {
        Path = options.Path,
        ReadOnly = options.ReadOnly,
        Shared = options.Shared,
        Durable = options.Durable,
        UpgradeFormat = options.UpgradeFormat,
        LockTimeout = options.LockTimeout,
    };
}
