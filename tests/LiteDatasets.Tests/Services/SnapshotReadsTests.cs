using System.Reflection;
using System.Text.Json.Nodes;
using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets.Tests.Services;

/// <summary>
/// Reads of one item at a version the dataset is known to have reached skip the dataset's row, and still answer as a
/// read of the row would: a dataset deleted since is not found, a version beyond what is known is checked.
/// </summary>
public sealed class SnapshotReadsTests
{
    private DatasetStore _store = null!;
    private CountingEngine _engine = null!;
    private SnapshotReads _reads = null!;
    private string _datasetId = null!;
    private List<string> _itemIds = null!;

    [SetUp]
    public void OpenStore()
    {
        _store = DatasetStore.OpenInMemory();
        _datasetId = _store.CreateDataset(new DatasetDefinition("known")).Id;
        _itemIds = _store.AddItems(_datasetId, [new ItemDraft(JsonValue.Create("a")), new ItemDraft(JsonValue.Create("b"))]).Items.Select(i => i.Id).ToList();
        _engine = new CountingEngine(_store.Engine);
        _reads = new SnapshotReads(_engine);
    }

    [TearDown]
    public void CloseStore() => _store.Dispose();

    [Test]
    public void GetItem_AtAVersionAlreadyRead_ReadsNoDatasetRow()
    {
        var first = _reads.GetItem(_datasetId, _itemIds[0], 1);
        var second = _reads.GetItem(_datasetId, _itemIds[1], 1);

        Assert.That(_engine.DatasetReads, Is.EqualTo(1));
        Assert.That(first!.Input.GetValue<string>(), Is.EqualTo("a"));
        Assert.That(second!.Input.GetValue<string>(), Is.EqualTo("b"));
    }

    [Test]
    public void GetItem_ItemMissingAtAKnownVersion_IsNull()
    {
        _reads.GetItem(_datasetId, _itemIds[0], 1);

        Assert.That(_reads.GetItem(_datasetId, "no-such-item", 1), Is.Null);
        Assert.That(_engine.DatasetReads, Is.EqualTo(2));
    }

    [Test]
    public void GetItem_ClosedSinceAtAKnownVersion_IsAsItWasThen()
    {
        _reads.GetItem(_datasetId, _itemIds[0], 1);
        _store.DeleteItem(_datasetId, _itemIds[0]);

        Assert.That(_reads.GetItem(_datasetId, _itemIds[0], 1)!.Input.GetValue<string>(), Is.EqualTo("a"));
        Assert.That(_reads.GetItem(_datasetId, _itemIds[0], 2), Is.Null);
    }

    [Test]
    public void GetItem_DatasetDeletedSinceItWasRead_ThrowsDatasetNotFound()
    {
        _reads.GetItem(_datasetId, _itemIds[0], 1);
        _store.DeleteDataset(_datasetId);

        Assert.That(() => _reads.GetItem(_datasetId, _itemIds[0], 1), Throws.TypeOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(ErrorCode.DatasetNotFound));
    }

    [Test]
    public void GetItem_DatasetDeletedAndImportedAgain_ReadsTheNewCopy()
    {
        using var bundle = new MemoryStream();
        DatasetHistory.Export(_store, _datasetId, bundle);
        _reads.GetItem(_datasetId, _itemIds[0], 1);
        _store.DeleteDataset(_datasetId);
        bundle.Position = 0;
        DatasetHistory.Import(_store, bundle);

        // The copy has the same dataset and item ids under a new key: what was known of the old key finds nothing.
        Assert.That(_reads.GetItem(_datasetId, _itemIds[0], 1)!.Input.GetValue<string>(), Is.EqualTo("a"));
        Assert.That(_reads.GetItem(_datasetId, _itemIds[1], 1)!.Input.GetValue<string>(), Is.EqualTo("b"));
        Assert.That(_engine.DatasetReads, Is.EqualTo(2));
    }

    [Test]
    public void GetItem_VersionBeyondTheKnownOne_ReadsTheRowAndChecksIt()
    {
        _reads.GetItem(_datasetId, _itemIds[0], 1);

        Assert.That(() => _reads.GetItem(_datasetId, _itemIds[0], 2), Throws.TypeOf<LiteDatasetsException>().With.Property(nameof(LiteDatasetsException.Code)).EqualTo(ErrorCode.VersionNotFound));
        _store.UpdateItem(_datasetId, _itemIds[0], new ItemPatch { ExpectedOutput = JsonValue.Create("x") });
        Assert.That(_reads.GetItem(_datasetId, _itemIds[0], 2)!.ExpectedOutput!.GetValue<string>(), Is.EqualTo("x"));
        Assert.That(_engine.DatasetReads, Is.EqualTo(3));
    }

    /// <summary>The store's engine, counting the reads of dataset rows its readers make.</summary>
    private sealed class CountingEngine(IStorageEngine inner) : IStorageEngine
    {
        private int _datasetReads;

        public int DatasetReads => _datasetReads;

        public bool IsReadOnly => inner.IsReadOnly;

        public T Read<T>(Func<IStoreReader, T> body) => inner.Read(rows => body(CountingReader.Wrap(rows, () => Interlocked.Increment(ref _datasetReads))));

        public T Write<T>(string? datasetId, Func<IStoreWriter, (T Result, bool Changed)> body) => inner.Write(datasetId, body);

        public T WriteRowLocked<T>(Func<IStoreWriter, (T Result, bool Changed)> body) => inner.WriteRowLocked(body);
    }

    /// <summary>Passes every call to a reader, noting those that read a dataset's row.</summary>
    public class CountingReader : DispatchProxy
    {
        private IStoreReader _inner = null!;
        private Action _onDatasetRead = null!;

        internal static IStoreReader Wrap(IStoreReader inner, Action onDatasetRead)
        {
            var proxy = Create<IStoreReader, CountingReader>();
            var counting = (CountingReader)(object)proxy;
            counting._inner = inner;
            counting._onDatasetRead = onDatasetRead;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name is nameof(IStoreReader.FindDataset) or nameof(IStoreReader.FindDatasetByNameKey))
            {
                _onDatasetRead();
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw ex.InnerException;
            }
        }
    }
}
