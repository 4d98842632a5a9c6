using System.Globalization;

namespace LiteDatasets.Tests.Engines.LiteDb.FileSystems;

/// <summary>
/// A store reached through a symbolic link, a link to its directory or a path with <c>..</c> after a link: the
/// journal and the locks belong to the file itself, so a process killed while writing through one path loses
/// nothing for the next process that opens another path to the same file.
/// </summary>
[TestFixture]
public sealed class LinkTests : StoreFileFixture
{
    private string RealDirectory => Scratch.File("real");

    private string RealStore => Path.Combine(RealDirectory, "s.litedb");

    [SetUp]
    public void CreateRealStore()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("Symbolic links are created here with Unix semantics.");
        }

        Directory.CreateDirectory(Path.Combine(RealDirectory, "sub"));
        TestStores.Open(RealStore).Dispose();
    }

    [TestCase("file link")]
    [TestCase("directory link")]
    [TestCase("dot-dot after a link")]
    public void Open_RealPathAfterAProcessWritingThroughALinkWasKilled_HasEveryCommit(string how)
    {
        var linked = LinkedPath(how);
        var (exitCode, lines) = TestHostProcess.Run("commit-then-kill", linked, "5");
        Assert.That(lines, Is.EqualTo(Enumerable.Range(1, 5).Select(v => "committed " + v.ToString(CultureInfo.InvariantCulture))), $"exit {exitCode}");

        using (var store = TestStores.Open(RealStore))
        {
            var killed = store.FindDataset("killed");
            Assert.That(killed?.Version, Is.EqualTo(5), "The commits made through the link are found through the real path.");
            Assert.That(store.AddItem(killed!.Id, TestStores.Draft("through the real path")).Version, Is.EqualTo(6));
        }

        using (var store = TestStores.Open(linked))
        {
            var killed = store.FindDataset("killed")!;
            Assert.Multiple(() =>
            {
                Assert.That((killed.Version, killed.ItemCount), Is.EqualTo((6L, 6L)));
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(FileState.Listing(RealDirectory), Is.EqualTo(new[] { "s.litedb" }), "Nothing was set aside.");
            Assert.That(Directory.GetFiles(Scratch.Path), Is.Empty.Or.All.Matches<string>(f => new FileInfo(f).LinkTarget is not null), "No side file sits beside a link.");
        });
    }

    [TestCase("file link")]
    [TestCase("directory link")]
    public void Open_LinkWhileTheRealPathIsOpen_FileLocked(string how)
    {
        using var store = TestStores.Open(RealStore);

        Assert.That(TestStores.CodeOf(() => TestStores.Open(LinkedPath(how)).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
    }

    [TestCase("file link")]
    [TestCase("directory link")]
    public void Open_SharedThroughALinkBesideASharedOpenOfTheRealPath_EachSeesTheOthersCommits(string how)
    {
        using var real = TestStores.Open(RealStore, shared: true);
        using var linked = TestStores.Open(LinkedPath(how), shared: true);
        var id = real.CreateDataset(new DatasetDefinition("both")).Id;

        Assert.Multiple(() =>
        {
            Assert.That(linked.AddItem(id, TestStores.Draft("through the link")).Version, Is.EqualTo(1));
            Assert.That(real.AddItem(id, TestStores.Draft("through the real path")).Version, Is.EqualTo(2));
            Assert.That(linked.ReadItems(id).Select(i => i.Input.GetValue<string>()), Is.EqualTo(new[] { "through the link", "through the real path" }));
        });
    }

    /// <summary>Creates the link <paramref name="how"/> names and returns the store's path through it.</summary>
    private string LinkedPath(string how)
    {
        switch (how)
        {
            case "file link":
                File.CreateSymbolicLink(Scratch.File("s-link.litedb"), RealStore);
                return Scratch.File("s-link.litedb");
            case "directory link":
                Directory.CreateSymbolicLink(Scratch.File("link"), RealDirectory);
                return Path.Combine(Scratch.File("link"), "s.litedb");
            default:
                // "deep" points at real/sub, so deep/.. is real/ for the OS (and the scratch directory for a lexical reading).
                Directory.CreateSymbolicLink(Scratch.File("deep"), Path.Combine(RealDirectory, "sub"));
                return Scratch.File("deep") + Path.DirectorySeparatorChar + ".." + Path.DirectorySeparatorChar + "s.litedb";
        }
    }
}
