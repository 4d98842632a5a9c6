using System.Diagnostics;
using System.Text.Json.Nodes;
using LiteDatasets.PostgreSql;
using LiteDatasets.PostgreSql.Schema;
using LiteDatasets.Storage;
using LiteDatasets.TestServer;
using Npgsql;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A private PostgreSQL server (one per benchmark process: BenchmarkDotNet runs each case in a process of its
/// own, which makes it in [GlobalSetup] and disposes it in [GlobalCleanup]) holding a store with one dataset of
/// a given size and history depth, built like <see cref="SampleStore"/>: the items imported as version 1, then
/// each further version updating one item. Raw baselines read the same rows of the same tables; with
/// <c>rawCopy</c> the schema also holds a copy of the dataset (same rows, another dataset key) for raw baselines
/// that write, so that both sides write to the same tables and indexes of the same size.
/// </summary>
public sealed class PostgresSample : IDisposable
{
    /// <summary>The schema the sample store lives in.</summary>
    public const string SchemaName = "bench";

    private PostgresServer? _server;

    public PostgresSample(int size, int versions, bool rawCopy = false)
    {
        var watch = Stopwatch.StartNew();
        _server = PostgresServer.Start();
        try
        {
            Source = RawPostgres.DataSource(_server.ConnectionString);
            Store = PostgresDatasetStore.Open(_server.ConnectionString, new PostgresStoreOptions { Schema = SchemaName });
            Sql = new StoreSql(SchemaName);
            DatasetId = Store.CreateDataset(new DatasetDefinition("bench")).Id;
            if (size > 0)
            {
                Store.ImportItems(DatasetId, Enumerable.Range(0, size).Select(i => EvalItems.Draft(i)));
            }

            DatasetKey = RawPostgres.DatasetKey(Source, Sql, DatasetId);
            ItemIds = LiveItemIds(DatasetKey);
            var random = new Random(7);
            for (var v = 2; v <= versions; v++)
            {
                Store.UpdateItem(DatasetId, ItemIds[random.Next(ItemIds.Count)], new ItemPatch { ExpectedOutput = JsonValue.Create("revised " + v) });
            }

            Version = Store.GetDataset(DatasetId)!.Version;
            if (rawCopy)
            {
                RawDatasetKey = CopyDataset();
            }

            // Fresh planner statistics and visibility map, as a server's autovacuum would leave them.
            RawPostgres.Execute(Source, "VACUUM ANALYZE");
            Console.WriteLine($"// PostgreSQL sample of {size} items and {versions} versions built in {watch.Elapsed.TotalSeconds:F1} s");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the store under test.</summary>
    public PostgresDatasetStore Store { get; } = null!;

    /// <summary>Gets a data source for raw baselines, on the same server and database.</summary>
    public NpgsqlDataSource Source { get; } = null!;

    /// <summary>Gets the store's statements (its schema's table names filled in).</summary>
    internal StoreSql Sql { get; } = null!;

    public string DatasetId { get; } = null!;

    /// <summary>Gets the dataset's key, the first column of every index.</summary>
    public int DatasetKey { get; }

    /// <summary>Gets the key of the raw copy of the dataset (0 without one).</summary>
    public int RawDatasetKey { get; }

    public List<string> ItemIds { get; } = null!;

    public long Version { get; }

    public void Dispose()
    {
        Store?.Dispose();
        Source?.Dispose();
        _server?.Dispose();
        _server = null;
    }

    private List<string> LiveItemIds(int datasetKey)
    {
        using var command = Source.CreateCommand($"SELECT item_id FROM {Sql.Quoted}.revisions WHERE dataset_key = $1 AND valid_to = $2 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = datasetKey });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RevisionRow.Open });
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>Copies the dataset's revisions, versions and counters to a new dataset of the store, for raw writers.</summary>
    private int CopyDataset()
    {
        var key = RawPostgres.DatasetKey(Source, Sql, Store.CreateDataset(new DatasetDefinition("raw")).Id);
        var s = Sql.Quoted;
        using var connection = Source.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var text in new[]
        {
            $"INSERT INTO {s}.revisions ({StoreSql.RevisionColumns[8..]}) SELECT $2, {StoreSql.RevisionColumns[(StoreSql.RevisionColumns.IndexOf("item_id", StringComparison.Ordinal))..]} FROM {s}.revisions WHERE dataset_key = $1",
            $"INSERT INTO {s}.versions SELECT $2, number, created_at, message, added, updated, deleted, item_count, schema_changed, last_seq, fingerprint, revived FROM {s}.versions WHERE dataset_key = $1 ON CONFLICT DO NOTHING",
            $"UPDATE {s}.datasets AS raw SET version = src.version, item_count = src.item_count, last_seq = src.last_seq FROM {s}.datasets AS src WHERE src.key = $1 AND raw.key = $2",
        })
        {
            using var command = new NpgsqlCommand(text, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = DatasetKey });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key });
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return key;
    }
}
