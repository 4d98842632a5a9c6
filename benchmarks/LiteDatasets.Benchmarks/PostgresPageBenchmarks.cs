using BenchmarkDotNet.Attributes;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: a page of 50 items by cursor, at the current version and at version 1 (of 1,000; of 1 in quick mode), near the start
/// and 90% deep (flat with size and depth), against plain Npgsql running one SELECT … ORDER BY seq LIMIT 50 on the
/// live index from the same position.
/// </summary>
[MemoryDiagnoser]
public class PostgresPageBenchmarks
{
    private PostgresSample _sample = null!;
    private string _currentCursor = null!;
    private string _oldCursor = null!;
    private long _startSeq;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [Params(PageDepth.NearStart, PageDepth.Deep)]
    public PageDepth Depth { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new PostgresSample(Size, BenchmarkSizes.DeepHistory);
        var offset = Depth == PageDepth.NearStart ? 50 : Size * 9 / 10;
        _startSeq = offset;
        _currentCursor = _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { Offset = offset - 50 }).NextCursor!;
        _oldCursor = _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { Version = 1, Offset = offset - 50 }).NextCursor!;
    }

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql 50 by live index")]
    public int RawPage()
    {
        using var command = _sample.Source.CreateCommand(_sample.Sql.LiveRevisions);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RevisionRow.Open });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _startSeq + 1 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = 50 });
        return RawPostgres.ReadAll(command);
    }

    [Benchmark(Description = "ListItems by cursor, current")]
    public ItemPage CursorCurrent() => _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { After = _currentCursor });

    [Benchmark(Description = "ListItems by cursor, version 1")]
    public ItemPage CursorOld() => _sample.Store.ListItems(_sample.DatasetId, new ItemQuery { After = _oldCursor });
}
