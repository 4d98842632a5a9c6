namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// An export or a backup never overwrites the open store's own files — the data file, however its path is spelled
/// (a symbolic link, <c>..</c>), nor its journal — and a refused one changes nothing. A hard link to the store
/// is another name of the same data: the copy replaces that name and leaves the data alone.
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

    [Test]
    public void ExportAndBackup_OntoAHardLinkOfTheStore_ReplaceOnlyThatNameAndLeaveTheStoreWhole()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Hard links are made here with ln.");
        }

        // A hard link shares no path with the store, so it is not refused; the copy is renamed over that name,
        // which unlinks it from the store's data instead of writing into it.
        var exportLink = Scratch.File("export-link.jsonl");
        var backupLink = Scratch.File("backup-link.litedb");
        using var store = TestStores.Open(StorePath);
        SampleData.Populate(store);
        var expected = StoreDump.Of(store);
        HardLink(StorePath, exportLink);
        HardLink(StorePath, backupLink);

        DatasetTransfer.Export(store, store.FindDataset("alpha")!.Id, exportLink, new ExportOptions { Format = TransferFormat.Jsonl });
        store.Backup(backupLink);

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Of(store), Is.EqualTo(expected));
            Assert.That(TestStores.DumpOf(backupLink), Is.EqualTo(expected));
            Assert.That(File.ReadLines(exportLink).First(), Does.StartWith("{"));
        });
        store.Dispose();
        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected), "The file still holds the store after closing.");
    }

    private static void HardLink(string existing, string link)
    {
        using (var ln = System.Diagnostics.Process.Start("ln", [existing, link]))
        {
            ln.WaitForExit();
        }

        Assert.That(File.Exists(link), Is.True);
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
