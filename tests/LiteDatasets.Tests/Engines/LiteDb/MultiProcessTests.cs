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

        var race = WriterRace.Run(
            Writers,
            CommitsEach,
            label => ["shared-writer", StorePath, "together", CommitsEach.ToString(CultureInfo.InvariantCulture), label, "--shared"],
            whileTheyWrite: () =>
            {
                // While they write, an exclusive opener is refused at once and changes nothing.
                var clock = Stopwatch.StartNew();
                var code = TestStores.CodeOf(() => TestStores.Open(StorePath).Dispose());
                Assert.Multiple(() =>
                {
                    Assert.That(code, Is.EqualTo(ErrorCode.FileLocked));
                    Assert.That(clock.Elapsed, Is.LessThan(AtOnce));
                });
            });

        using var store = TestStores.Open(StorePath);
        race.AssertEveryCommitKept(store, id, store.Verify);
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
}
