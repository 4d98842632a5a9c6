using BenchmarkDotNet.Attributes;
using LiteDatasets.Engines.LiteDb.Queries;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>Where in the dataset a page starts.</summary>
public enum PageDepth
{
    /// <summary>The second page.</summary>
    NearStart,

    /// <summary>A page 90% of the way through.</summary>
    Deep,
}

/// <summary>
/// a page of 50 items by cursor, at the current and at an old version, near the start and deep into
/// the dataset (target ≤ 2 ms at 1M items, flat with depth); offset paging beside it for comparison. The
/// baseline is raw LiteDB reading the same 50 documents through the same index.
/// </summary>
[MemoryDiagnoser]
public class PageBenchmarks
{
    private SampleStore _sample = null!;
    private string _currentCursor = null!;
    private string _oldCursor = null!;
    private int _offset;
    private long _startSeq;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [Params(PageDepth.NearStart, PageDepth.Deep)]
    public PageDepth Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // 1,000 versions of history, so that version 1 is an old version with later changes on top.
        _sample = new SampleStore(Size, versions: 1_000);
        _offset = Depth == PageDepth.NearStart ? 50 : Size * 9 / 10;
        _startSeq = _offset;
        _currentCursor = CursorAt(null);
        _oldCursor = CursorAt(1);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample.Dispose();

    [Benchmark(Baseline = true, Description = "raw LiteDB 50 by index range")]
    public List<BsonDocument> RawPage() =>
        _sample.Revisions.Query()
            .Where(Expressions.Get(StoreSchema.LiveBySeq + " BETWEEN @0 AND @1", new BsonArray { _sample.DatasetKey, long.MaxValue, _startSeq + 1 }, new BsonArray { _sample.DatasetKey, long.MaxValue, BsonValue.MaxValue }))
            .Limit(50)
            .ToList();

    [Benchmark(Description = "ListItems by cursor, current")]
    public ItemPage CursorCurrent() => _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { After = _currentCursor });

    [Benchmark(Description = "ListItems by cursor, version 1")]
    public ItemPage CursorOld() => _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { After = _oldCursor });

    [Benchmark(Description = "ListItems by offset, current")]
    public ItemPage OffsetCurrent() => _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { Offset = _offset });

    /// <summary>Walks to the page at the chosen depth once, to get a real cursor for it.</summary>
    private string CursorAt(long? version)
    {
        var page = _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { Version = version, Offset = _offset - 50 });
        return page.NextCursor!;
    }
}
