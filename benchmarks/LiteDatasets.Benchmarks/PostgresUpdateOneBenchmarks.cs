using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: update one item of a large dataset (flat from 10k to 1M items), against plain Npgsql doing the
/// same writes in one transaction on a copy of the dataset in the same tables: update the dataset row (new
/// version), read the item's live revision through the item index, close it, insert the new revision, insert a
/// version row.
/// </summary>
[MemoryDiagnoser]
public class PostgresUpdateOneBenchmarks
{
    private PostgresSample _sample = null!;
    private Random _random = null!;
    private int _next;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new PostgresSample(Size, versions: 1, rawCopy: true);
        _random = new Random(11);
    }

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql close + insert + update + version row")]
    public void RawUpdate()
    {
        var sql = _sample.Sql;
        var key = _sample.RawDatasetKey;
        var id = _sample.ItemIds[_random.Next(_sample.ItemIds.Count)];
        using var connection = _sample.Source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        var version = RawPostgres.BumpDataset(connection, sql, key, 0, 0);
        RevisionRow live;
        using (var find = new NpgsqlCommand(sql.LatestRevision, connection))
        {
            find.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key });
            find.Parameters.Add(RawPostgres.Text(id));
            find.Parameters.Add(new NpgsqlParameter<long> { TypedValue = long.MaxValue });
            using var reader = find.ExecuteReader();
            reader.Read();
            var (rowId, itemId, input, _, metadata) = RawPostgres.ReadRow(reader);
            live = new RevisionRow(rowId, key, itemId, reader.GetInt64(3), version, RevisionRow.Open, null, input, null, metadata, reader.GetInt64(10), reader.GetInt64(11));
        }

        using (var close = new NpgsqlCommand(sql.CloseRevisions, connection))
        {
            close.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            close.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [live.RowId] });
            close.ExecuteNonQuery();
        }

        RawPostgres.Insert(connection, sql, live with { Expected = Encoding.UTF8.GetBytes("\"raw " + _next++ + "\"") });
        RawPostgres.InsertVersion(connection, sql, key, version, 0, 1, 0);
        transaction.Commit();
    }

    [Benchmark(Description = "UpdateItem (new version)")]
    public void UpdateItem() =>
        _sample.Store.UpdateItem(_sample.DatasetId, _sample.ItemIds[_random.Next(_sample.ItemIds.Count)], new ItemPatch { ExpectedOutput = JsonValue.Create("store " + _next++) });
}
