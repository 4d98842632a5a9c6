namespace LiteDatasets.Tests.Engines.LiteDb.FileSystems;

/// <summary>
/// An older copy of a store restored over the file while a journal left by a killed writer sits beside it: the
/// journal belongs to a later state of the file, so it must be set aside, never replayed into the copy.
/// </summary>
[TestFixture]
public sealed class RestoredCopyTests : StoreFileFixture
{
    [TestCase(false)]
    [TestCase(true)]
    public void Open_OlderCopyRestoredBesideTheJournalOfAKilledWriter_TheCopyOpensIntact(bool shared)
    {
        var expected = TestStores.CreateSample(StorePath);
        var older = Scratch.File("older.litedb");
        File.Copy(StorePath, older);

        // A write and a close move the file on from the state the copy holds; the killed writer's journal belongs
        // to that later state. (A journal written on the very state the copy holds would rightly be replayed.)
        using (var store = TestStores.Open(StorePath, shared: shared))
        {
            store.AddItem(store.FindDataset("alpha")!.Id, TestStores.Draft("after the copy"));
        }

        using (var child = TestHostProcess.Start(shared ? ["spill-then-wait", StorePath, "--shared"] : ["spill-then-wait", StorePath]))
        {
            Assert.That(child.ReadLine(), Is.EqualTo("spilled"));
            child.Kill();
        }

        File.Copy(older, StorePath, overwrite: true);

        using (var store = TestStores.Open(StorePath, shared: shared))
        {
            Assert.Multiple(() =>
            {
                Assert.That(StoreDump.Of(store), Is.EqualTo(expected), "The copy holds exactly what it held.");
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.That(FileState.Listing(Scratch.Path), Has.Some.StartsWith("store.litedb-journal.stale-"), "The foreign journal is kept aside for inspection.");
    }
}
