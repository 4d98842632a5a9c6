using BenchmarkDotNet.Attributes;
using LiteDatasets.Storage;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: add one item as its own version, against plain Npgsql inserting the same revision row, updating
/// the dataset row and inserting a version row in one transaction (same tables: a second dataset of the store).
/// A round trip of <c>SELECT 1</c> beside them gives the cost of one statement that does nothing.
/// </summary>
[MemoryDiagnoser]
public class PostgresSingleAddBenchmarks
{
    private PostgresSample _sample = null!;
    private List<RevisionRow> _rows = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _sample = new PostgresSample(0, versions: 1, rawCopy: true);
        _rows = RawPostgres.Rows(_sample.RawDatasetKey, EvalItems.Drafts(0, 1000), 1, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql insert + update + version row")]
    public void RawInsert()
    {
        var seq = ++_next;
        using var connection = _sample.Source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var version = RawPostgres.BumpDataset(connection, _sample.Sql, _sample.RawDatasetKey, 1, seq);
        RawPostgres.Insert(connection, _sample.Sql, _rows[seq % _rows.Count] with { ItemId = Guid.CreateVersion7().ToString(), Seq = seq, ValidFrom = version });
        RawPostgres.InsertVersion(connection, _sample.Sql, _sample.RawDatasetKey, version, 1, 0, seq);
        transaction.Commit();
    }

    [Benchmark(Description = "raw Npgsql SELECT 1 (one round trip)")]
    public int RawRoundTrip()
    {
        using var command = _sample.Source.CreateCommand("SELECT 1");
        return (int)command.ExecuteScalar()!;
    }

    [Benchmark(Description = "AddItem")]
    public void AddItem() => _sample.Store.AddItem(_sample.DatasetId, EvalItems.Draft(_next++));
}
