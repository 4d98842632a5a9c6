using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Files;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// Durable commits from several writer threads at once (<c>Durable = true</c>): each thread adds items one at a time,
/// each its own version, to a dataset of its own. The time is per commit, so commits per second are its inverse; with
/// group commit, writers that commit while a sync runs share the next sync.
/// </summary>
[MemoryDiagnoser]
public class GroupCommitBenchmarks
{
    private const int CommitsPerThread = 50;

    private BenchmarkFiles _files = null!;
    private DatasetStore _store = null!;
    private List<string> _datasets = null!;
    private int _next;

    [Params(1, 4, 16)]
    public int Threads { get; set; }

    /// <summary>
    /// Gets or sets the milliseconds added to every sync of the journal: 0 for the disk as it is; 1 emulates a disk
    /// whose sync takes about a millisecond more (the journal's own sync still runs), where sharing syncs pays most.
    /// </summary>
    [Params(0, 1)]
    public int SlowerSyncMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _files = new BenchmarkFiles();
        _store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("group"), Durable = true });
        if (SlowerSyncMs > 0)
        {
            _store.Connection.Journal!.Probe = new JournalSyncProbe { Syncing = () => Thread.Sleep(SlowerSyncMs) };
        }

        _datasets = Enumerable.Range(0, Threads).Select(i => _store.CreateDataset(new DatasetDefinition("writer-" + i)).Id).ToList();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _files.Dispose();
    }

    [Benchmark(Description = "AddItem from each writer thread, durable", OperationsPerInvoke = CommitsPerThread)]
    public void AddFromEveryThread()
    {
        // Operations per invoke are per thread: the figure is the time in which every writer makes one commit, so
        // commits per second are Threads divided by it. Each writer is a thread of its own, not a pool thread.
        var first = _next;
        _next += Threads * CommitsPerThread;
        var writers = Enumerable.Range(0, Threads).Select(thread => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < CommitsPerThread; i++)
                {
                    _store.AddItem(_datasets[thread], EvalItems.Draft(first + (thread * CommitsPerThread) + i));
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();
        Task.WaitAll(writers);
    }
}
