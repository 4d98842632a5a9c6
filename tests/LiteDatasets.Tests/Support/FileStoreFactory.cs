namespace LiteDatasets.Tests;

/// <summary>Store files, one in a scratch directory of its own per test.</summary>
public sealed class FileStoreFactory(bool durable) : StoreFactory(durable ? "file" : "file without syncs")
{
    private TempDirectory? _directory;
    private TimeSpan _patternTimeBudget;

    public override bool CanReopen => true;

    public override IDatasetStore Open(TimeProvider clock, TimeSpan patternTimeBudget)
    {
        _directory = new TempDirectory();
        _patternTimeBudget = patternTimeBudget;
        return OpenFile(clock);
    }

    public override IDatasetStore Reopen(IDatasetStore store, TimeProvider clock)
    {
        store.Dispose();
        return OpenFile(clock);
    }

    public override void Cleanup() => _directory?.Dispose();

    private DatasetStore OpenFile(TimeProvider clock) =>
        DatasetStore.Open(new DatasetStoreOptions { Path = _directory!.File("store.litedb"), TimeProvider = clock, Durable = durable, PatternTimeBudget = _patternTimeBudget });
}
