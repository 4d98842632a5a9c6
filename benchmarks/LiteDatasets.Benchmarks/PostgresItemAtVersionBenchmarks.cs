using BenchmarkDotNet.Attributes;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: get one item as it was at version 1, with 1 or 1,000 versions of history (flat with size),
/// against plain Npgsql running the store's one SELECT on the item index for the same row.
/// </summary>
[MemoryDiagnoser]
public class PostgresItemAtVersionBenchmarks
{
    private PostgresSample _sample = null!;
    private Random _random = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.HistoryDepths))]
    public int Versions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new PostgresSample(Size, Versions);
        _random = new Random(3);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql SELECT by item index")]
    public int RawFind()
    {
        using var command = _sample.Source.CreateCommand(_sample.Sql.LatestRevision);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
        command.Parameters.Add(RawPostgres.Text(_sample.ItemIds[_random.Next(_sample.ItemIds.Count)]));
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 1 });
        return RawPostgres.ReadAll(command);
    }

    [Benchmark(Description = "GetItem at version 1")]
    public DatasetItem? GetItem() => _sample.Store.GetItem(_sample.DatasetId, _sample.ItemIds[_random.Next(_sample.ItemIds.Count)], version: 1);
}
