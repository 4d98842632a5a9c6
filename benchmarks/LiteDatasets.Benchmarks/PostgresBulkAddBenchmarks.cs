using BenchmarkDotNet.Attributes;
using LiteDatasets.PostgreSql;
using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using LiteDatasets.TestServer;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// PostgreSQL: add N items as one version into an empty dataset, against plain Npgsql doing a binary COPY of the
/// same (pre-built) revision rows, one UPDATE of the dataset row and one INSERT of a version row in one
/// transaction. Each iteration starts from new, empty tables (a new schema made by the store's migrations).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)] // each invocation needs new, empty tables
public class PostgresBulkAddBenchmarks
{
    private PostgresServer _server = null!;
    private NpgsqlDataSource _source = null!;
    private List<ItemDraft> _drafts = null!;
    private List<RevisionRow> _rows = null!;
    private PostgresDatasetStore? _store;
    private StoreSql _sql = null!;
    private string _schema = null!;
    private string _datasetId = null!;
    private int _datasetKey;
    private int _iteration;

    [ParamsSource(typeof(BenchmarkSizes), nameof(BenchmarkSizes.UpToMillion))]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = PostgresServer.Start();
        try
        {
            _source = RawPostgres.DataSource(_server.ConnectionString);
            _drafts = EvalItems.Drafts(0, Size);
        }
        catch
        {
            _server.Dispose();
            throw;
        }
    }

    [IterationSetup(Target = nameof(RawCopy))]
    public void NewRawTables()
    {
        NewStore();
        _rows = RawPostgres.Rows(_datasetKey, _drafts, 1, 1);
    }

    [IterationSetup(Targets = [nameof(AddItems), nameof(RawEncodeAndCopy)])]
    public void NewStore()
    {
        _schema = "bulk" + _iteration++;
        _store = PostgresDatasetStore.Open(_server.ConnectionString, new PostgresStoreOptions { Schema = _schema });
        _sql = new StoreSql(_schema);
        _datasetId = _store.CreateDataset(new DatasetDefinition("bench")).Id;
        _datasetKey = RawPostgres.DatasetKey(_source, _sql, _datasetId);
    }

    [IterationCleanup]
    public void DropTables()
    {
        _store?.Dispose();
        _store = null;
        RawPostgres.DropSchema(_source, _schema);
        RawPostgres.Execute(_source, "CHECKPOINT");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store?.Dispose();
        _source?.Dispose();
        _server?.Dispose();
    }

    [Benchmark(Baseline = true, Description = "raw Npgsql COPY + update + version row")]
    public void RawCopy()
    {
        using var connection = _source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        RawPostgres.Copy(connection, _sql, _rows);
        var version = RawPostgres.BumpDataset(connection, _sql, _datasetKey, _rows.Count, _rows.Count);
        RawPostgres.InsertVersion(connection, _sql, _datasetKey, version, _rows.Count, 0, _rows.Count);
        transaction.Commit();
    }

    /// <summary>The baseline plus encoding the drafts into stored payloads inside the measured time, as the store must.</summary>
    [Benchmark(Description = "raw Npgsql COPY + update + version row, encoding the drafts")]
    public void RawEncodeAndCopy()
    {
        _rows = RawPostgres.Rows(_datasetKey, _drafts, 1, 1);
        RawCopy();
    }

    [Benchmark(Description = "AddItems (one version)")]
    public void AddItems() => _store!.AddItems(_datasetId, _drafts);
}
