using System.Diagnostics;
using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb.FileSystems;

/// <summary>
/// Shared mode through two different paths to one file — a hard link, a bind mount, a symbolic link: the
/// processes must still exclude each other, because the lock belongs to the file, not to the text of its path.
/// </summary>
[TestFixture]
public sealed class SharedPathTests : StoreFileFixture
{
    private const int CommitsEach = 100;

    private ScratchMount? _bind;

    private string First => Path.Combine(Scratch.File("a"), "s.litedb");

    [TearDown]
    public void Unmount() => _bind?.Dispose();

    [TestCase("hard link")]
    [TestCase("bind mount")]
    [TestCase("symbolic link")]
    public void AddItem_TwoSharedProcessesThroughTwoPathsToOneFile_EveryVersionOnceAndNothingLost(string how)
    {
        Directory.CreateDirectory(Scratch.File("a"));
        string id;
        using (var setup = TestStores.Open(First))
        {
            id = setup.CreateDataset(new DatasetDefinition("together")).Id;
        }

        var second = SecondPath(how);
        var children = new[] { (Path: First, Label: "p0"), (Path: second, Label: "p1") }
            .Select(w => TestHostProcess.Start("shared-writer", w.Path, "together", CommitsEach.ToString(CultureInfo.InvariantCulture), w.Label, "--shared"))
            .ToList();
        var versions = new List<long>();
        try
        {
            foreach (var child in children)
            {
                Assert.That(child.ReadLine(), Is.EqualTo("ready"), "Each writer opened the file in shared mode.");
            }

            foreach (var child in children)
            {
                child.WriteLine("go");
            }

            foreach (var child in children)
            {
                while (child.ReadLine() is { } line && line != "done")
                {
                    Assert.That(line, Does.StartWith("committed "));
                    versions.Add(long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture));
                }

                Assert.That(child.WaitForExit(), Is.EqualTo(ExitCodes.Ok));
            }
        }
        finally
        {
            children.ForEach(c => c.Dispose());
        }

        using var store = TestStores.Open(First);
        var dataset = store.GetDataset(id)!;
        Assert.Multiple(() =>
        {
            Assert.That(versions.Order(), Is.EqualTo(Enumerable.Range(1, 2 * CommitsEach).Select(v => (long)v)), "Every version was given exactly once.");
            Assert.That((dataset.Version, dataset.ItemCount), Is.EqualTo((2L * CommitsEach, 2L * CommitsEach)));
            Assert.That(store.ReadItems(id).Select(i => i.ExternalId).Distinct().Count(), Is.EqualTo(2 * CommitsEach));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    /// <summary>Makes a second path to <see cref="First"/> of the kind <paramref name="how"/> names.</summary>
    private string SecondPath(string how)
    {
        var other = Scratch.File("b");
        switch (how)
        {
            case "hard link":
                if (!OperatingSystem.IsLinux())
                {
                    Assert.Ignore("Hard links are made here with ln.");
                }

                Directory.CreateDirectory(other);
                var target = Path.Combine(other, "t.litedb");
                using (var ln = Process.Start("ln", [First, target]))
                {
                    ln.WaitForExit();
                }

                Assert.That(File.Exists(target), Is.True);
                return target;
            case "bind mount":
                RootSuite.Require();
                _bind = ScratchMount.Bind(Scratch.File("a"), other);
                return Path.Combine(other, "s.litedb");
            default:
                if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
                {
                    Assert.Ignore("Symbolic links are created here with Unix semantics.");
                }

                Directory.CreateSymbolicLink(other, Scratch.File("a"));
                return Path.Combine(other, "s.litedb");
        }
    }
}
