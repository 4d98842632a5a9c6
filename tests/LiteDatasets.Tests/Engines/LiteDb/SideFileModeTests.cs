using System.Runtime.Versioning;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// The files a store writes beside its data file are never readable by more people than the data file: the
/// journal gets the data file's mode, a backup gets the store's mode or keeps the mode of the file it replaces, and
/// an export keeps the mode of the file it replaces. The umask still applies to new files.
/// </summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
public sealed class SideFileModeTests : StoreFileFixture
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerAndGroupRead = OwnerOnly | UnixFileMode.GroupRead;

    [SetUp]
    public void RequireModes()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Windows files have no Unix modes.");
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Journal_OfAnOwnerOnlyStore_IsOwnerOnly(bool shared)
    {
        CreateStore(OwnerOnly);

        using var store = TestStores.Open(StorePath, shared: shared);
        store.AddItem(store.FindDataset("d")!.Id, TestStores.Draft("x"));

        Assert.That(File.GetUnixFileMode(StorePath + "-journal"), Is.EqualTo(OwnerOnly));
    }

    [Test]
    public void Journal_OfAStoreReadableByItsGroup_IsReadableByItsGroupToo()
    {
        CreateStore(OwnerAndGroupRead);

        using var store = TestStores.Open(StorePath);
        store.AddItem(store.FindDataset("d")!.Id, TestStores.Draft("x"));

        Assert.That(File.GetUnixFileMode(StorePath + "-journal"), Is.EqualTo(OwnerAndGroupRead));
    }

    [Test]
    public void Journal_UnderAnEmptyUmask_IsNoWiderThanTheStore()
    {
        CreateStore(OwnerOnly);

        using var child = TestHostProcess.Start("hold", StorePath, "--umask=000");
        Assert.That(child.ReadLine(), Is.EqualTo("ready"));
        var mode = File.GetUnixFileMode(StorePath + "-journal");
        child.WriteLine("close");
        Assert.That(child.ReadLine(), Is.EqualTo("closed"));

        Assert.That(mode, Is.EqualTo(OwnerOnly));
    }

    [Test]
    public void Backup_ToANewFile_GetsTheStoresMode()
    {
        CreateStore(OwnerOnly);
        var backup = Scratch.File("backup.litedb");

        using (var store = TestStores.Open(StorePath))
        {
            store.Backup(backup);
        }

        Assert.That(File.GetUnixFileMode(backup), Is.EqualTo(OwnerOnly));
    }

    [TestCase(OwnerOnly)]
    [TestCase(OwnerAndGroupRead | UnixFileMode.OtherRead)]
    public void BackupAndExport_OverAnExistingFile_KeepItsMode(UnixFileMode mode)
    {
        CreateStore(OwnerAndGroupRead);
        var backup = Scratch.File("backup.litedb");
        var export = Scratch.File("export.jsonl");
        foreach (var file in new[] { backup, export })
        {
            File.WriteAllText(file, "old");
            File.SetUnixFileMode(file, mode);
        }

        using (var store = TestStores.Open(StorePath))
        {
            store.Backup(backup);
            DatasetTransfer.Export(store, store.FindDataset("d")!.Id, export);
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.GetUnixFileMode(backup), Is.EqualTo(mode));
            Assert.That(File.GetUnixFileMode(export), Is.EqualTo(mode));
            Assert.That(File.ReadAllText(export), Is.Not.EqualTo("old"));
        });
    }

    [Test]
    public void Export_ToANewFile_GetsTheModeOfAnyNewFile()
    {
        CreateStore(OwnerOnly);
        var export = Scratch.File("export.jsonl");
        var plain = Scratch.File("plain.txt");
        File.WriteAllText(plain, "made under the same umask");

        using (var store = TestStores.Open(StorePath))
        {
            DatasetTransfer.Export(store, store.FindDataset("d")!.Id, export);
        }

        Assert.That(File.GetUnixFileMode(export), Is.EqualTo(File.GetUnixFileMode(plain)));
    }

    private void CreateStore(UnixFileMode mode)
    {
        using (var store = TestStores.Open(StorePath))
        {
            store.CreateDataset(new DatasetDefinition("d"));
        }

        File.SetUnixFileMode(StorePath, mode);
    }
}
