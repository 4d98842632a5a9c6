using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using LiteDatasets.Storage;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: stream the whole current snapshot, materialising every item, against plain Npgsql reading every
/// column of every live revision with one SELECT on the live index.
/// </summary>
[MemoryDiagnoser]
public class PostgresStreamBenchmarks
{
    private PostgresSample _sample = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup() => _sample = new PostgresSample(Size, versions: 1);

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql SELECT all live")]
    public int RawSelectAll()
    {
        using var command = LiveRows();
        return RawPostgres.ReadAll(command);
    }

    /// <summary>The baseline plus parsing the three payloads of every row, as any reader returning JSON must.</summary>
    [Benchmark(Description = "raw Npgsql SELECT all live + parse payloads")]
    public int RawSelectAllAndParse()
    {
        using var command = LiveRows();
        using var reader = command.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            var (_, _, input, expected, metadata) = RawPostgres.ReadRow(reader);
            count += JsonNode.Parse(input) is null ? 0 : 1;
            count += expected is null || JsonNode.Parse(expected) is null ? 0 : 1;
            count += metadata is null || JsonNode.Parse(metadata) is null ? 0 : 1;
        }

        return count;
    }

    [Benchmark(Description = "ReadItems (current)")]
    public int ReadItems()
    {
        var count = 0;
        foreach (var item in _sample.Store.ReadItems(_sample.DatasetId))
        {
            count += item.Id.Length;
        }

        return count;
    }

    private NpgsqlCommand LiveRows()
    {
        var command = _sample.Source.CreateCommand(_sample.Sql.LiveRevisions);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RevisionRow.Open });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = 0 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = long.MaxValue });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = int.MaxValue });
        return command;
    }
}
