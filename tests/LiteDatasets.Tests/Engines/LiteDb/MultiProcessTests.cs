using System.Diagnostics;
using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Several processes on one file: in shared mode, three writer processes on one dataset produce gap-free
/// versions and lose nothing; an exclusive open beside shared openers fails at once with FileLocked.
/// </summary>
[TestFixture]
public sealed class MultiProcessTests : StoreFileFixture
{
    private const int Writers = 3;
    private const int CommitsEach = 30;

    /// <summary>Far longer than any open may take: "at once" means no lock timeout was waited out.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    [Test]
    public void AddItem_ThreeSharedProcessesOnOneDataset_VersionsGapFreeAndEveryCommitKept()
    {
        string id;
        using (var setup = TestStores.Open(StorePath))
        {
            id = setup.CreateDataset(new DatasetDefinition("together")).Id;
        }

        var labels = Enumerable.Range(0, Writers).Select(w => "p" + w.ToString(CultureInfo.InvariantCulture)).ToArray();
        var children = labels.Select(label => TestHostProcess.Start("shared-writer", StorePath, "together", CommitsEach.ToString(CultureInfo.InvariantCulture), label, "--shared")).ToList();
        var versions = new Dictionary<string, List<long>>();
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

            // While they write, an exclusive opener is refused at once and changes nothing.
            var clock = Stopwatch.StartNew();
            var code = TestStores.CodeOf(() => TestStores.Open(StorePath).Dispose());
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(ErrorCode.FileLocked));
                Assert.That(clock.Elapsed, Is.LessThan(AtOnce));
            });

            for (var w = 0; w < Writers; w++)
            {
                versions[labels[w]] = ReadCommits(children[w], labels[w]);
                Assert.That(children[w].WaitForExit(), Is.EqualTo(ExitCodes.Ok), labels[w]);
            }
        }
        finally
        {
            foreach (var child in children)
            {
                child.Dispose();
            }
        }

        var total = Writers * CommitsEach;
        using var store = TestStores.Open(StorePath);
        var dataset = store.GetDataset(id)!;
        var items = store.ReadItems(id).ToList();
        var history = StoreDump.AllVersions(store, id);
        Assert.Multiple(() =>
        {
            Assert.That(versions.Values.SelectMany(v => v).Order(), Is.EqualTo(Enumerable.Range(1, total).Select(v => (long)v)),
                "The writers' commits got every version from 1 to the last exactly once.");
            foreach (var (label, own) in versions)
            {
                Assert.That(own, Is.Ordered.Ascending, label + " saw its own commits in order.");
            }

            Assert.That(dataset.Version, Is.EqualTo(total));
            Assert.That(dataset.ItemCount, Is.EqualTo(total));
            Assert.That(history.Select(v => v.Number), Is.EqualTo(Enumerable.Range(1, total).Select(v => (long)v).Reverse()));
            Assert.That(history.Select(v => (v.Added, v.Updated, v.Deleted, v.ItemCount)),
                Is.EqualTo(Enumerable.Range(1, total).Reverse().Select(n => (1, 0, 0, (long)n))), "Each version added exactly one item.");

            // Every item is there, at the version its writer was told.
            var expected = versions.SelectMany(pair => pair.Value.Select((version, i) => (Key: $"{pair.Key}-{i}", Version: version)))
                .OrderBy(e => e.Key, StringComparer.Ordinal);
            var found = items.Select(i => (Key: i.Input.GetValue<string>(), i.Version)).OrderBy(e => e.Key, StringComparer.Ordinal);
            Assert.That(found, Is.EqualTo(expected));
            Assert.That(items.Select(i => i.ExternalId), Is.EqualTo(items.Select(i => i.Input.GetValue<string>())));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Open_ExclusiveWhileChildHoldsFileShared_FailsAtOnceWithFileLocked(bool readOnly)
    {
        var expected = TestStores.CreateSample(StorePath);
        using (var child = TestHostProcess.Start("hold", StorePath, "--shared"))
        {
            Assert.That(child.ReadLine(), Is.EqualTo("ready"));

            var clock = Stopwatch.StartNew();
            var code = TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: readOnly).Dispose());
            Assert.Multiple(() =>
            {
                Assert.That(code, Is.EqualTo(ErrorCode.FileLocked));
                Assert.That(clock.Elapsed, Is.LessThan(AtOnce));
            });

            child.WriteLine("release");
            Assert.That(child.ReadLine(), Is.EqualTo("closed"));
            Assert.That(child.WaitForExit(), Is.EqualTo(ExitCodes.Ok));
        }

        using var store = TestStores.Open(StorePath, readOnly: readOnly);
        Assert.Multiple(() =>
        {
            Assert.That(store.FindDataset("held-by-child")?.ItemCount, Is.EqualTo(1), "The child's commit is kept.");
            Assert.That(StoreDump.Of(store), Is.SupersetOf(expected), "The refused open changed nothing.");
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    /// <summary>Reads a shared writer's "committed &lt;version&gt;" lines up to "done".</summary>
    private static List<long> ReadCommits(TestHostProcess child, string label)
    {
        var versions = new List<long>();
        while (child.ReadLine() is { } line && line != "done")
        {
            Assert.That(line, Does.StartWith("committed "), $"{label} reported a problem.");
            versions.Add(long.Parse(line["committed ".Length..], CultureInfo.InvariantCulture));
        }

        Assert.That(versions, Has.Count.EqualTo(CommitsEach), $"{label} made every commit.");
        return versions;
    }
}
