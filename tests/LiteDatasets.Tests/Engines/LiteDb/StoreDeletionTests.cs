namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary><see cref="DatasetStore.Delete"/> removes a store file and its journal, but never a file that a store has open.</summary>
[TestFixture]
public sealed class StoreDeletionTests : StoreFileFixture
{
    [Test]
    public void Delete_ClosedStore_RemovesTheFileAndItsJournal()
    {
        TestStores.CreateSample(StorePath);
        File.WriteAllText(StorePath + "-journal", "left by a crash");

        DatasetStore.Delete(StorePath);

        Assert.That(FileState.Listing(Scratch.Path), Is.Empty);
    }

    [Test]
    public void Delete_MissingFile_DoesNothing()
    {
        Assert.That(() => DatasetStore.Delete(StorePath), Throws.Nothing);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Delete_StoreOpenInThisProcess_IsRefusedWithFileLocked(bool shared)
    {
        using var store = TestStores.Open(StorePath, shared: shared);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);

        Assert.That(TestStores.CodeOf(() => DatasetStore.Delete(StorePath)), Is.EqualTo(ErrorCode.FileLocked));

        store.Dispose();
        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Delete_StoreOpenInAnotherProcess_IsRefusedUntilItCloses(bool shared)
    {
        if (shared)
        {
            TestStores.Open(StorePath).Dispose();
        }

        using var child = shared ? TestHostProcess.Start("hold", StorePath, "--shared") : TestHostProcess.Start("hold", StorePath);
        Assert.That(child.ReadLine(), Is.EqualTo("ready"));

        Assert.That(TestStores.CodeOf(() => DatasetStore.Delete(StorePath)), Is.EqualTo(ErrorCode.FileLocked));
        Assert.That(File.Exists(StorePath), Is.True);

        child.WriteLine("close");
        Assert.That(child.ReadLine(), Is.EqualTo("closed"));
        DatasetStore.Delete(StorePath);
        Assert.That(File.Exists(StorePath), Is.False);
    }
}
