namespace LiteDatasets.Tests.Engines.LiteDb.FileSystems;

/// <summary>
/// A store on a file system mounted read-only: an open for writing fails with <see cref="ErrorCode.ReadOnly"/> (not a
/// raw I/O error) saying to open it read-only, and a read-only open reads everything and changes nothing. Each test
/// writes a store on a tmpfs of its own, then mounts it again read-only.
/// </summary>
[TestFixture]
public sealed class ReadOnlyFileSystemTests : StoreFileFixture
{
    private ScratchMount? _disk;
    private IReadOnlyList<string> _expected = [];

    private string DiskStore => _disk!.File("s.litedb");

    [SetUp]
    public void WriteStoreThenMountReadOnly()
    {
        RootSuite.Require();
        _disk = ScratchMount.Tmpfs(Scratch.File("disk"), 16L * 1024 * 1024);
        _expected = TestStores.CreateSample(DiskStore);
        _disk.RemountReadOnly();
    }

    [TearDown]
    public void Unmount() => _disk?.Dispose();

    [TestCase(false)]
    [TestCase(true)]
    public void Open_ForWritingOnAReadOnlyFileSystem_FailsWithReadOnlySayingToOpenItReadOnly(bool shared)
    {
        var before = FileState.Of(DiskStore);

        var ex = Assert.Throws<LiteDatasetsException>(() => TestStores.Open(DiskStore, shared: shared).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.ReadOnly), ex.ToString());
            Assert.That(ex.Message, Does.Contain(DiskStore).And.Contain("read-only").And.Contain("ReadOnly = true"));
            Assert.That(ex.InnerException, Is.InstanceOf<IOException>());
            Assert.That(FileState.Of(DiskStore), Is.EqualTo(before));
        });

        // The failed open let go of the file: a read-only open of it works at once.
        using var store = TestStores.Open(DiskStore, readOnly: true, shared: shared);
        Assert.That(StoreDump.Of(store), Is.EqualTo(_expected));
    }

    [Test]
    public void Open_ReadOnlyOnAReadOnlyFileSystem_ReadsEverythingVerifiesAndClosesWithoutChangingAByte()
    {
        var before = FileState.Of(DiskStore);
        var listing = FileState.Listing(_disk!.Path);

        var store = TestStores.Open(DiskStore, readOnly: true);
        try
        {
            Assert.Multiple(() =>
            {
                Assert.That(StoreDump.Of(store), Is.EqualTo(_expected));
                Assert.That(store.Verify().Problems, Is.Empty);
                Assert.That(TestStores.CodeOf(() => store.CreateDataset(new DatasetDefinition("new"))), Is.EqualTo(ErrorCode.ReadOnly));
            });
        }
        finally
        {
            Assert.DoesNotThrow(store.Dispose);
        }

        Assert.Multiple(() =>
        {
            Assert.That(FileState.Of(DiskStore), Is.EqualTo(before));
            Assert.That(FileState.Listing(_disk.Path), Is.EqualTo(listing));
        });
    }
}
