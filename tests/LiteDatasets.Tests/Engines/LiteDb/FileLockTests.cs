using System.Collections.Concurrent;
using System.Diagnostics;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>One owner per file: a second open, in this process or another, fails at once with FileLocked.</summary>
[TestFixture]
public sealed class FileLockTests : StoreFileFixture
{
    /// <summary>Far longer than any open may take: "at once" means no lock timeout was waited out.</summary>
    private static readonly TimeSpan AtOnce = TimeSpan.FromSeconds(5);

    [TestCase(false, false)]
    [TestCase(false, true)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public void Open_FileOpenInThisProcess_FailsAtOnceWithFileLocked(bool firstReadOnly, bool secondReadOnly)
    {
        TestStores.CreateSample(StorePath);
        using var first = TestStores.Open(StorePath, readOnly: firstReadOnly);

        var clock = Stopwatch.StartNew();
        var code = TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: secondReadOnly, lockTimeout: TimeSpan.FromSeconds(30)).Dispose());

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ErrorCode.FileLocked));
            Assert.That(clock.Elapsed, Is.LessThan(AtOnce));
        });
    }

    [Test]
    public void Open_AfterFailedSecondOpen_FirstStoreKeepsWorkingAndLosesNothing()
    {
        var expected = TestStores.CreateSample(StorePath);
        IReadOnlyList<string> afterWrite;
        using (var first = TestStores.Open(StorePath))
        {
            Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
            Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: true).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
            Assert.That(StoreDump.Of(first), Is.EqualTo(expected));

            var alpha = first.FindDataset("alpha")!;
            Assert.That(first.AddItem(alpha.Id, TestStores.Draft("after the failed opens")).Version, Is.EqualTo(alpha.Version + 1));
            afterWrite = StoreDump.Of(first);
        }

        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(afterWrite));
    }

    [Test]
    public void Open_AfterFirstStoreDisposed_OpensWithEveryCommit()
    {
        IReadOnlyList<string> written;
        using (var first = TestStores.Open(StorePath))
        {
            SampleData.Populate(first);
            written = StoreDump.Of(first);
        }

        using var second = TestStores.Open(StorePath);
        Assert.That(StoreDump.Of(second), Is.EqualTo(written));
    }

    [Test]
    public void Open_SamePathSpelledDifferently_FailsWithFileLocked()
    {
        Directory.CreateDirectory(Scratch.File("sub"));
        using var first = TestStores.Open(StorePath);
        var detour = Path.Combine(Scratch.Path, "sub", "..", ".", "store.litedb");

        Assert.That(TestStores.CodeOf(() => TestStores.Open(detour).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
    }

    [Test]
    public void Open_ThroughSymbolicLink_FailsWithFileLocked()
    {
        TestStores.CreateSample(StorePath);
        var link = Scratch.File("link.litedb");
        try
        {
            File.CreateSymbolicLink(link, StorePath);
        }
        catch (UnauthorizedAccessException)
        {
            Assert.Ignore("This account may not create symbolic links.");
        }

        using var first = TestStores.Open(StorePath);

        Assert.That(TestStores.CodeOf(() => TestStores.Open(link).Dispose()), Is.EqualTo(ErrorCode.FileLocked));
    }

    [Test]
    public void Open_ManyThreadsAtOnce_ExactlyOneSucceeds()
    {
        TestStores.CreateSample(StorePath);
        const int Openers = 4;
        using var start = new Barrier(Openers);
        var opened = new ConcurrentBag<DatasetStore>();
        var refused = new ConcurrentBag<ErrorCode>();
        var tasks = Enumerable.Range(0, Openers).Select(_ => Task.Factory.StartNew(() =>
        {
            start.SignalAndWait();
            try
            {
                opened.Add(TestStores.Open(StorePath));
            }
            catch (LiteDatasetsException ex)
            {
                refused.Add(ex.Code);
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

        var finished = Task.WaitAll(tasks, TimeSpan.FromSeconds(30));
        foreach (var store in opened)
        {
            store.Dispose();
        }

        Assert.Multiple(() =>
        {
            Assert.That(finished, Is.True);
            Assert.That(opened, Has.Count.EqualTo(1));
            Assert.That(refused, Has.Count.EqualTo(Openers - 1).And.All.EqualTo(ErrorCode.FileLocked));
        });
    }

    [Test]
    public void TestHost_BuiltBesideTheTests_HasAssemblyAndRuntimeConfig()
    {
        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(TestHostProcess.DllPath), Is.True, TestHostProcess.DllPath);
            Assert.That(File.Exists(TestHostProcess.RuntimeConfigPath), Is.True, TestHostProcess.RuntimeConfigPath);
        });
    }

    [Test]
    public void Open_InChildProcessWhenFileIsFree_Succeeds()
    {
        TestStores.CreateSample(StorePath);

        var (exitCode, lines) = TestHostProcess.Run("open", StorePath);

        Assert.That((exitCode, string.Join("|", lines)), Is.EqualTo((ExitCodes.Ok, "ok")));
    }

    [TestCase(false, "")]
    [TestCase(false, "--readonly")]
    [TestCase(false, "--shared")]
    [TestCase(true, "")]
    [TestCase(true, "--readonly")]
    public void Open_InChildProcessWhileOpenHere_ChildGetsFileLocked(bool parentReadOnly, string childOption)
    {
        var expected = TestStores.CreateSample(StorePath);
        using (TestStores.Open(StorePath, readOnly: parentReadOnly))
        {
            var (exitCode, lines) = TestHostProcess.Run("open", StorePath, childOption);

            Assert.That((exitCode, string.Join("|", lines)), Is.EqualTo((ExitCodes.StoreError, "error FileLocked")));
        }

        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
    }

    [TestCase(false, false)]
    [TestCase(true, false)]
    [TestCase(false, true)]
    public void Open_WhileChildProcessHoldsFile_FailsWithFileLockedUntilChildCloses(bool readOnly, bool shared)
    {
        var expected = TestStores.CreateSample(StorePath);
        using var child = TestHostProcess.Start("hold", StorePath);
        Assert.That(child.ReadLine(), Is.EqualTo("ready"));

        var clock = Stopwatch.StartNew();
        var code = TestStores.CodeOf(() => TestStores.Open(StorePath, readOnly: readOnly, shared: shared).Dispose());
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ErrorCode.FileLocked));
            Assert.That(clock.Elapsed, Is.LessThan(AtOnce));
        });

        child.WriteLine("release");
        Assert.That(child.ReadLine(), Is.EqualTo("closed"));
        Assert.That(child.WaitForExit(), Is.EqualTo(ExitCodes.Ok));

        using var store = TestStores.Open(StorePath, readOnly: readOnly, shared: shared);
        var held = store.FindDataset("held-by-child");
        Assert.Multiple(() =>
        {
            Assert.That(held?.Version, Is.EqualTo(1));
            Assert.That(StoreDump.Of(store), Is.SupersetOf(expected));
        });
    }

    [Test]
    public void Open_WhileChildProcessHoldsFileReadOnly_FailsWithFileLocked()
    {
        var expected = TestStores.CreateSample(StorePath);
        using var child = TestHostProcess.Start("hold", StorePath, "--readonly");
        Assert.That(child.ReadLine(), Is.EqualTo("ready"));

        Assert.That(TestStores.CodeOf(() => TestStores.Open(StorePath).Dispose()), Is.EqualTo(ErrorCode.FileLocked));

        child.WriteLine("release");
        Assert.That(child.WaitForExit(), Is.EqualTo(ExitCodes.Ok));
        Assert.That(TestStores.DumpOf(StorePath), Is.EqualTo(expected));
    }

    [Test]
    public void Open_AfterChildHoldingFileIsKilled_OpensWithChildsCommit()
    {
        var expected = TestStores.CreateSample(StorePath);
        using (var child = TestHostProcess.Start("hold", StorePath))
        {
            Assert.That(child.ReadLine(), Is.EqualTo("ready"));
        }

        using var store = TestStores.Open(StorePath);
        var held = store.FindDataset("held-by-child");
        Assert.Multiple(() =>
        {
            Assert.That(held?.Version, Is.EqualTo(1));
            Assert.That(held?.ItemCount, Is.EqualTo(1));
            Assert.That(StoreDump.Of(store), Is.SupersetOf(expected));
        });
    }
}
