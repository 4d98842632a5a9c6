namespace LiteDatasets.Tests;

/// <summary>Stores in memory.</summary>
public sealed class MemoryStoreFactory() : StoreFactory("memory")
{
    public override bool CanReopen => false;

    public override IDatasetStore Open(TimeProvider clock, TimeSpan patternTimeBudget) =>
        DatasetStore.OpenInMemory(new DatasetStoreOptions { TimeProvider = clock, PatternTimeBudget = patternTimeBudget });

    public override IDatasetStore Reopen(IDatasetStore store, TimeProvider clock) => store;
}
