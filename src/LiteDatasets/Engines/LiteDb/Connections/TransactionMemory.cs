using System.Reflection;
using LiteDB;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Bounds the memory of one large write. LiteDB lets a transaction keep up to 100,000 dirty pages (about
/// 800 MB) in memory before it spills them to the log, so a big import would use memory in proportion to
/// its size. LiteDB 5.0.21 has no setting for it; the store lowers the engine's pool of transaction pages
/// (a private field of its transaction monitor) when it opens a file. The version of LiteDB is pinned, and
/// a test fails if the field moves.
/// </summary>
/// <remarks>
/// The size is a trade between memory and the journal. When the pool is full, LiteDB writes the dirty pages
/// to the journal and drops them; pages touched again are written again at the next spill. An import's rows
/// land at random places of the external-id index (its keys are hashes), so once that index outgrows the
/// pool every spill rewrites most of it: with 64 MB a 1 GB import grew the journal past 12 GB, while with
/// 262 MB it peaked at 3.7 GB (the finished file is about 2.3 GB) and the process at 453 MB.
/// </remarks>
internal static class TransactionMemory
{
    /// <summary>Pages (8 KB each) all open transactions may hold in memory together: 262 MB (250 MiB).</summary>
    public const int PoolPages = 32_000;

    private static readonly FieldInfo? EngineField = typeof(LiteDatabase).GetField("_engine", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? MonitorField = EngineField?.FieldType.Assembly.GetType("LiteDB.Engine.LiteEngine")?.GetField("_monitor", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? FreePagesField = MonitorField?.FieldType.GetField("_freePages", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? SlotField = MonitorField?.FieldType.GetField("_slot", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? TransactionsField = MonitorField?.FieldType.GetField("_transactions", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>Whether the engine's pool can be reached (false only if LiteDB's internals changed).</summary>
    public static bool IsAvailable => FreePagesField is not null && SlotField is not null && TransactionsField is not null;

    /// <summary>Limits the engine of <paramref name="db"/> to <paramref name="pages"/> in-memory transaction pages (<see cref="PoolPages"/> by default).</summary>
    public static void Limit(LiteDatabase db, int pages = PoolPages)
    {
        if (Monitor(db) is { } monitor && FreePagesField!.GetValue(monitor) is int free)
        {
            // Only lower it: pages already handed to open transactions stay theirs.
            FreePagesField.SetValue(monitor, Math.Min(free, pages));
        }
    }

    /// <summary>
    /// Makes the open transactions of an engine that is about to be abandoned harmless. LiteDB gives each
    /// transaction a finalizer that disposes it; for a transaction a failed engine could neither commit nor roll
    /// back, that disposal fails on the finalizer thread, which ends the process. Their finalizers are
    /// suppressed before the engine is disposed.
    /// </summary>
    public static void ForgetTransactions(LiteDatabase db)
    {
        if (Monitor(db) is { } monitor && TransactionsField!.GetValue(monitor) is System.Collections.IDictionary transactions)
        {
            lock (transactions)
            {
                foreach (var transaction in transactions.Values)
                {
#pragma warning disable CA1816 // Another library's object: its finalizer would run a disposal that fails.
                    GC.SuppressFinalize(transaction!);
#pragma warning restore CA1816
                }
            }
        }
    }

    /// <summary>
    /// Lets go of the transactions an abandoned engine still keeps in its per-thread slots: a transaction that
    /// LiteDB could neither commit nor roll back stays in the slot of the thread that ran it, and the slot holds
    /// the whole engine, with its page cache, for as long as that thread lives.
    /// </summary>
    public static void DropThreadTransactions(LiteDatabase db)
    {
        if (Monitor(db) is { } monitor && SlotField!.GetValue(monitor) is IDisposable slot)
        {
            slot.Dispose();
        }
    }

    private static object? Monitor(LiteDatabase db) =>
        EngineField?.GetValue(db) is { } engine && engine.GetType() == MonitorField!.DeclaringType ? MonitorField.GetValue(engine) : null;
}
