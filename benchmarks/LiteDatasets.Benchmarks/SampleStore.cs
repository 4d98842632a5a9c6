using LiteDB;

namespace LiteDatasets.Benchmarks;

/// <summary>
/// A store file holding one dataset of a given size and history depth, built once per benchmark class: the
/// items are added as version 1, then each further version updates a few items, so that old versions and
/// item histories have real work in them. Raw baselines query the same file through the same LiteDB
/// instance (same documents, same indexes).
/// </summary>
public sealed class SampleStore : IDisposable
{
    private readonly BenchmarkFiles _files = new();

    public SampleStore(int size, int versions, bool durable = false)
    {
        Path = _files.NewFile("sample");
        Store = DatasetStore.Open(new DatasetStoreOptions { Path = Path, Durable = durable });
        DatasetId = Store.CreateDataset(new DatasetDefinition("bench")).Id;
        const int Batch = 50_000;
        var ids = new List<string>(size);
        for (var start = 0; start < size; start += Batch)
        {
            // One version for the whole dataset, streamed in batches to bound memory.
            if (start == 0)
            {
                var result = Store.ImportItems(DatasetId, Drafts(0, size));
                ItemIds = Store.ReadItems(DatasetId).Select(i => i.Id).ToList();
                break;
            }
        }

        ItemIds ??= ids;
        var random = new Random(7);
        for (var v = 2; v <= versions; v++)
        {
            var id = ItemIds[random.Next(ItemIds.Count)];
            Store.UpdateItem(DatasetId, id, new ItemPatch { ExpectedOutput = System.Text.Json.Nodes.JsonValue.Create("revised " + v) });
        }

        Version = Store.GetDataset(DatasetId)!.Version;
    }

    public string Path { get; }

    public DatasetStore Store { get; }

    public string DatasetId { get; }

    public List<string> ItemIds { get; }

    public long Version { get; }

    /// <summary>Gets the LiteDB database under the store, for raw baselines on the same file.</summary>
    public LiteDatabase Raw => Store.Connection.Database;

    /// <summary>Gets the dataset's internal key (the first field of every index key).</summary>
    public int DatasetKey => 1;

    public void Dispose()
    {
        Store.Dispose();
        _files.Dispose();
    }

    private static IEnumerable<ItemDraft> Drafts(int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            yield return EvalItems.Draft(i);
        }
    }
}
