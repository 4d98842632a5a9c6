namespace LiteDatasets.Tests;

/// <summary>
/// Makes the stores of one engine for the fixtures written once against <see cref="IDatasetStore"/> (the contract,
/// the payload round trips, the reference model): a fresh, empty store per test, and the same store closed and
/// opened again. Another engine adds a factory to <see cref="All"/>.
/// </summary>
public abstract class StoreFactory(string name) : IDisposable
{
    /// <summary>Gets a factory of every engine.</summary>
    public static IEnumerable<StoreFactory> All => [new MemoryStoreFactory(), new FileStoreFactory(durable: true), new PostgresStoreFactory()];

    /// <summary>Gets a factory of every engine, without syncs where an engine has them (for long runs that check reopening, not durability).</summary>
    public static IEnumerable<StoreFactory> WithoutSyncs => [new MemoryStoreFactory(), new FileStoreFactory(durable: false), new PostgresStoreFactory()];

    /// <summary>Gets whether <see cref="Reopen"/> reads the data back from where the engine keeps it.</summary>
    public abstract bool CanReopen { get; }

    /// <summary>Opens a fresh, empty store using <paramref name="clock"/>.</summary>
    public IDatasetStore Open(TimeProvider clock) => Open(clock, LiteDatasets.Schemas.PatternBudget.DefaultTotal);

    /// <summary>Opens a fresh, empty store using <paramref name="clock"/>, whose calls may spend <paramref name="patternTimeBudget"/> matching schema patterns.</summary>
    public abstract IDatasetStore Open(TimeProvider clock, TimeSpan patternTimeBudget);

    /// <summary>Closes <paramref name="store"/> and opens it again; a store that lives in memory is returned as it is.</summary>
    public abstract IDatasetStore Reopen(IDatasetStore store, TimeProvider clock);

    /// <summary>Removes what the last <see cref="Open(TimeProvider)"/> made besides the store (called once the store is closed).</summary>
    public virtual void Cleanup()
    {
    }

    public void Dispose()
    {
        Cleanup();
        GC.SuppressFinalize(this);
    }

    public override string ToString() => name;
}
