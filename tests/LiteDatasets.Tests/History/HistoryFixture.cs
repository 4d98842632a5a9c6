using System.Text;
using System.Text.Json.Nodes;
using LiteDatasets.Tests.Model;

namespace LiteDatasets.Tests.History;

/// <summary>
/// Two file stores and a dataset with a long, varied history in the first: the reference model's random writes
/// (adds, updates, deletes, upserts, syncs), then restores that revive deleted items, a schema change, dataset details
/// and tags.
/// </summary>
public abstract class HistoryFixture
{
    private TempDirectory _directory = null!;

    protected FakeClock Clock { get; private set; } = null!;

    protected DatasetStore Source { get; private set; } = null!;

    protected DatasetStore Target { get; private set; } = null!;

    protected string DatasetId { get; private set; } = null!;

    [SetUp]
    public void OpenStores()
    {
        _directory = new TempDirectory();
        Clock = new FakeClock();
        Source = Open("source.litedb");
        Target = Open("target.litedb");
        var driver = new SnapshotDriver(Source, Clock, new Random(20261204), "history");
        driver.Run(120);
        DatasetId = driver.DatasetId;
        AddRestoresSchemasAndTags(driver.Model.Current);
    }

    [TearDown]
    public void CloseStores()
    {
        Source.Dispose();
        Target.Dispose();
        _directory.Dispose();
    }

    protected DatasetStore Open(string name) =>
        DatasetStore.Open(new DatasetStoreOptions { Path = _directory.File(name), TimeProvider = Clock, Durable = false });

    protected string File(string name) => _directory.File(name);

    /// <summary>Writes the dataset's history as a bundle and returns its lines.</summary>
    protected static List<string> BundleLines(IDatasetStore store, string datasetId, HistoryExportOptions? options = null)
    {
        using var output = new MemoryStream();
        DatasetHistory.Export(store, datasetId, output, options);
        return Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    protected static MemoryStream Bundle(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"));

    /// <summary>More edits in a store: an added item and an updated one, each its own version.</summary>
    protected void Edit(IDatasetStore store, string datasetId, string text)
    {
        Clock.Advance(TimeSpan.FromSeconds(1));
        store.AddItem(datasetId, new ItemDraft(JsonValue.Create(text)) { ExpectedOutput = JsonValue.Create(text.Length) });
        var first = store.ReadItems(datasetId).First();
        Clock.Advance(TimeSpan.FromSeconds(1));
        store.UpdateItem(datasetId, first.Id, new ItemPatch { Metadata = new JsonObject { ["edited"] = text } });
    }

    private void AddRestoresSchemasAndTags(long modelVersion)
    {
        Clock.Advance(TimeSpan.FromSeconds(2));
        Source.TagVersion(DatasetId, 3, "first-cut");
        Source.RestoreVersion(DatasetId, modelVersion / 3, new WriteOptions { Message = "back to an early version" });
        Clock.Advance(TimeSpan.FromSeconds(2));
        Source.RestoreVersion(DatasetId, modelVersion, new WriteOptions { Message = "and forward again" });
        Clock.Advance(TimeSpan.FromSeconds(2));
        Source.UpdateDataset(DatasetId, new DatasetUpdate
        {
            Description = "a history to move",
            Metadata = new JsonObject { ["owner"] = "evals", ["n"] = 1.50 },
            ExpectedOutputSchema = JsonNode.Parse("""{"not":{"type":"null"}}"""),
        });
        Source.TagVersion(DatasetId, Source.GetDataset(DatasetId)!.Version, "v1.0");
        Edit(Source, DatasetId, "after the schema");
    }
}
