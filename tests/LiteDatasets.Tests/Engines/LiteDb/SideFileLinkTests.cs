namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// A symbolic link planted where a store keeps a file of its own (its journal) is refused, never followed: nobody
/// who can write to the directory can make the store create, overwrite or fill a file elsewhere. The target
/// of a backup or an export is the user's own choice: a link there is followed, as <c>cp</c> does.
/// </summary>
[TestFixture]
public sealed class SideFileLinkTests : StoreFileFixture
{
    private string Journal => StorePath + "-journal";

    private string Victim => Scratch.File("elsewhere.txt");

    [SetUp]
    public void RequireLinks()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("Symbolic links are created here with Unix semantics.");
        }
    }

    /// <summary>How the store is opened when it meets the link.</summary>
    private static IEnumerable<TestCaseData> Opens()
    {
        yield return new TestCaseData(false, false).SetArgDisplayNames("exclusive");
        yield return new TestCaseData(true, false).SetArgDisplayNames("shared");
        yield return new TestCaseData(false, true).SetArgDisplayNames("read-only");
    }

    [TestCaseSource(nameof(Opens))]
    public void Open_DanglingLinkAtTheJournal_IsRefusedAndCreatesNothing(bool shared, bool readOnly)
    {
        CreateStore();
        var before = FileState.Of(StorePath);
        File.CreateSymbolicLink(Journal, Victim);

        var ex = Assert.Throws<LiteDatasetsException>(() => WriteThrough(shared, readOnly));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Code, Is.EqualTo(ErrorCode.StorageFailure));
            Assert.That(ex.Message, Does.Contain(Journal).And.Contain("symbolic link"));
            Assert.That(File.Exists(Victim), Is.False, "The link's target was not created.");
            Assert.That(new FileInfo(Journal).LinkTarget, Is.EqualTo(Victim), "The link is left as it was.");
            Assert.That(FileState.Of(StorePath), Is.EqualTo(before), "The store file is unchanged.");
        });
    }

    [TestCase("", false)]
    [TestCase("", true)]
    [TestCase("someone's notes\n", false)]
    [TestCase("someone's notes\n", true)]
    public void Open_LinkAtTheJournalToAFile_LeavesThatFileUnchanged(string content, bool shared)
    {
        CreateStore();
        File.WriteAllText(Victim, content);
        File.CreateSymbolicLink(Journal, Victim);

        Assert.That(TestStores.CodeOf(() => WriteThrough(shared, readOnly: false)), Is.EqualTo(ErrorCode.StorageFailure));

        Assert.That(File.ReadAllText(Victim), Is.EqualTo(content));
    }

    [Test]
    public void Open_NewStoreWithALinkAtItsJournal_IsRefusedAndLeavesNoStoreFile()
    {
        File.CreateSymbolicLink(Journal, Victim);

        Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath).Dispose()), Is.EqualTo(ErrorCode.StorageFailure));

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(StorePath), Is.False);
            Assert.That(File.Exists(Victim), Is.False);
        });
    }

    [Test]
    public void Open_AfterTheLinkIsRemoved_Works()
    {
        CreateStore();
        File.CreateSymbolicLink(Journal, Victim);
        Assert.Throws<LiteDatasetsException>(() => WriteThrough(shared: false, readOnly: false));

        File.Delete(Journal);

        Assert.That(() => WriteThrough(shared: false, readOnly: false), Throws.Nothing);
        Assert.That(TestStores.DumpOf(StorePath), Has.Some.Contains("planted"));
    }

    [Test]
    public void BackupAndExport_ThroughALinkAtTheTarget_ReplaceTheFileItPointsToAndKeepTheLink()
    {
        // As cp does: the user named the link, so the file behind it gets the copy; nothing else is written.
        var backupFile = Scratch.File("backup-file.litedb");
        var exportFile = Scratch.File("export-file.jsonl");
        File.WriteAllText(backupFile, "old backup");
        File.WriteAllText(exportFile, "old export");
        var backup = Scratch.File("backup.litedb");
        var export = Scratch.File("export.jsonl");
        File.CreateSymbolicLink(backup, backupFile);
        File.CreateSymbolicLink(export, exportFile);
        using var store = TestStores.Open(StorePath);
        var id = store.CreateDataset(new DatasetDefinition("d")).Id;
        store.AddItem(id, TestStores.Draft("x"));

        store.Backup(backup);
        DatasetTransfer.Export(store, id, export);

        Assert.Multiple(() =>
        {
            Assert.That(new FileInfo(backup).LinkTarget, Is.EqualTo(backupFile));
            Assert.That(new FileInfo(export).LinkTarget, Is.EqualTo(exportFile));
            Assert.That(TestStores.DumpOf(backupFile), Is.EqualTo(StoreDump.Of(store)));
            Assert.That(File.ReadAllText(exportFile), Does.Contain("\"x\""));
            Assert.That(FileState.Listing(Scratch.Path).Where(n => n.Contains("partial", StringComparison.Ordinal)), Is.Empty);
        });
    }

    private void CreateStore()
    {
        using var store = TestStores.Open(StorePath);
        store.CreateDataset(new DatasetDefinition("d"));
    }

    /// <summary>Opens the store and, unless read-only, commits one item (a shared store opens its journal for it).</summary>
    private void WriteThrough(bool shared, bool readOnly)
    {
        using var store = TestStores.Open(StorePath, readOnly: readOnly, shared: shared);
        if (!readOnly)
        {
            store.AddItem(store.FindDataset("d")!.Id, TestStores.Draft("planted"));
        }
    }
}
