using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: diff two versions that differ in k items (proportional to k, not to the dataset size), against
/// plain Npgsql reading the revisions closed in the range (one SELECT on the valid-to index) and the revisions
/// opened for those items (one SELECT on the item index). A second raw variant reads the same rows with two
/// point SELECTs per changed item, one round trip each, as the store's diff does.
/// </summary>
[MemoryDiagnoser]
public class PostgresDiffBenchmarks
{
    private PostgresSample _sample = null!;
    private List<string> _changed = null!;
    private long _before;
    private string _openedFor = null!;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToHundredThousand))]
    public int Size { get; set; }

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.ChangedCounts))]
    public int Changed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sample = new PostgresSample(Size, versions: 1);
        _before = _sample.Version;
        _changed = _sample.ItemIds.Where((_, i) => i % (Size / Changed) == 0).Take(Changed).ToList();
        _sample.Store.UpsertItems(_sample.DatasetId, _changed.Select(id => new ItemDraft(JsonValue.Create("changed " + id)) { Id = id }).ToList());
        _openedFor = $"SELECT {LiteDatasets.PostgreSql.Schema.StoreSql.RevisionColumns} FROM {_sample.Sql.Quoted}.revisions WHERE dataset_key = $1 AND item_id = ANY($2) AND valid_from BETWEEN $3 AND $4";
        RawPostgres.Execute(_sample.Source, "VACUUM ANALYZE");
    }

    [GlobalCleanup]
    public void Cleanup() => _sample?.Dispose();

    [Benchmark(Baseline = true, Description = "raw Npgsql closed + opened in range (2 SELECTs)")]
    public int RawReadChanged()
    {
        var ids = new List<string>();
        using (var closed = _sample.Source.CreateCommand(_sample.Sql.RevisionsClosedIn))
        {
            closed.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
            closed.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _before + 1 });
            closed.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _before + 1 });
            using var reader = closed.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(RawPostgres.ReadRow(reader).ItemId);
            }
        }

        using var opened = _sample.Source.CreateCommand(_openedFor);
        opened.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
        opened.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. ids] });
        opened.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _before + 1 });
        opened.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _before + 1 });
        return ids.Count + RawPostgres.ReadAll(opened);
    }

    [Benchmark(Description = "raw Npgsql 2 point SELECTs per item")]
    public int RawPointReads()
    {
        var count = 0;
        using var connection = _sample.Source.OpenConnection();
        foreach (var id in _changed)
        {
            foreach (var version in new[] { _before, _before + 1 })
            {
                using var command = new NpgsqlCommand(_sample.Sql.LatestRevision, connection);
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _sample.DatasetKey });
                command.Parameters.Add(RawPostgres.Text(id));
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
                count += RawPostgres.ReadAll(command);
            }
        }

        return count;
    }

    [Benchmark(Description = "Diff(before, after)")]
    public DatasetDiff Diff() => _sample.Store.Diff(_sample.DatasetId, _before, _before + 1);
}
