namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// An export or a backup never overwrites the open store's own files — the data file, however its path is spelled
/// (a symbolic link, <c>..</c>), nor its journal — and a refused one changes nothing.
/// </summary>
[TestFixture]
public sealed class OwnFilesTests : StoreFileFixture
{
    /// <summary>The ways a target can name one of the store's files.</summary>
    private static IEnumerable<TestCaseData> OwnTargets()
    {
        yield return new TestCaseData("same").SetArgDisplayNames("the data file");
        yield return new TestCaseData("detour").SetArgDisplayNames("the data file through ..");
        yield return new TestCaseData("symlink").SetArgDisplayNames("a symbolic link to the data file");
        yield return new TestCaseData("journal").SetArgDisplayNames("the journal");
    }

    [TestCaseSource(nameof(OwnTargets))]
    public void Export_ToOneOfTheStoresOwnFiles_ThrowsArgumentExceptionAndChangesNothing(string spelling)
    {
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);
        var target = Target(spelling);

        Assert.That(() => DatasetTransfer.Export(store, store.FindDataset("alpha")!.Id, target, new ExportOptions { Format = TransferFormat.Jsonl }),
            Throws.InstanceOf<ArgumentException>().With.Message.Contains("store's own"));

        Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
        store.Dispose();
        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected), "The file still holds the store after closing.");
    }

    [TestCaseSource(nameof(OwnTargets))]
    public void Backup_ToOneOfTheStoresOwnFiles_ThrowsArgumentExceptionAndChangesNothing(string spelling)
    {
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);

        Assert.That(() => store.Backup(Target(spelling)), Throws.InstanceOf<ArgumentException>());

        Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
        store.Dispose();
        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
    }

    [Test]
    public void Export_BesideTheStore_Works()
    {
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);

        var result = DatasetTransfer.Export(store, store.FindDataset("alpha")!.Id, StorePath + ".jsonl");

        Assert.That(result.Items, Is.GreaterThan(0));
    }

    private string Target(string spelling)
    {
        switch (spelling)
        {
            case "detour":
                Directory.CreateDirectory(Scratch.File("sub"));
                return Path.Combine(Scratch.Path, "sub", "..", "store.litedb");
            case "symlink":
                var link = Scratch.File("link.jsonl");
                File.CreateSymbolicLink(link, StorePath);
                return link;
            case "journal":
                return StorePath + "-journal";
            default:
                return StorePath;
        }
    }
}
