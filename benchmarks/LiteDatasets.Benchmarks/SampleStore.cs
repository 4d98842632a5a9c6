using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A store file holding one dataset of a given size and history depth, built once per benchmark class: the
/// items are imported as version 1, then each further version updates one item, so that old versions and
/// item histories have real work in them. Raw baselines query the same file through the same LiteDB
/// instance (same documents, same indexes).
/// </summary>
public sealed class SampleStore : IDisposable
{
    private readonly BenchmarkFiles _files = new();

    /// <param name="size">How many items version 1 holds.</param>
    /// <param name="versions">How many versions the dataset has (each after the first updates one item).</param>
    /// <param name="durable">Whether commits are synced (the store's default); off for most samples.</param>
    public SampleStore(int size, int versions, bool durable = false)
    {
        Store = DatasetStore.Open(new DatasetStoreOptions { Path = _files.NewFile("sample"), Durable = durable });
        DatasetId = Store.CreateDataset(new DatasetDefinition("bench")).Id;
        Store.ImportItems(DatasetId, Enumerable.Range(0, size).Select(i => EvalItems.Draft(i)));
        ItemIds = Store.ReadItems(DatasetId).Select(i => i.Id).ToList();
        var random = new Random(7);
        for (var v = 2; v <= versions; v++)
        {
            Store.UpdateItem(DatasetId, ItemIds[random.Next(ItemIds.Count)], new ItemPatch { ExpectedOutput = JsonValue.Create("revised " + v) });
        }

        Version = Store.GetDataset(DatasetId)!.Version;
    }

    public DatasetStore Store { get; }

    public string DatasetId { get; }

    public List<string> ItemIds { get; }

    public long Version { get; }

    /// <summary>Gets the LiteDB database under the store, for raw baselines on the same file.</summary>
    public LiteDatabase Raw => Store.Connection.Database;

    /// <summary>Gets the revisions collection, as the store wrote it.</summary>
    public ILiteCollection<BsonDocument> Revisions => Raw.GetCollection(StoreSchema.Revisions);

    /// <summary>Gets the dataset's internal key (the first field of every index key): the first dataset of a file is 1.</summary>
    public int DatasetKey => 1;

    public void Dispose()
    {
        Store.Dispose();
        _files.Dispose();
    }
}
