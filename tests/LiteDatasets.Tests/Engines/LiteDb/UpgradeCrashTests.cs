using System.Diagnostics;
using System.Globalization;
using LiteDatasets.Engines.LiteDb.Connections;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// A format upgrade killed at any moment: a child opens a store of format 1 with a plan whose step rewrites
/// every revision (<see cref="UpgradeDrill"/>) and is killed with SIGKILL at a random moment from the start of
/// the step to shortly after it would have ended (as timed by a child that was not killed). The file must then hold format 1 untouched or format 2
/// whole — never part of the step — and the next open must finish the upgrade with every item intact.
/// </summary>
/// <remarks>
/// <c>LITEDATASETS_UPGRADE_TRIALS</c> sets the number of trials (12 by default); <c>LITEDATASETS_UPGRADE_SEED</c>
/// replays the random choices of an earlier run (its seed is printed).
/// </remarks>
[TestFixture]
public sealed class UpgradeCrashTests
{
    private const int DefaultTrials = 12;

    /// <summary>Items in the sample, so that the step takes long enough to be killed inside.</summary>
    private const int SampleItems = 6_000;

    [Test]
    public void Upgrade_ChildKilledAtRandomMoments_LeavesOneWholeFormatAndTheNextOpenFinishesIt()
    {
        var trials = TestEnvironment.Number("LITEDATASETS_UPGRADE_TRIALS") ?? DefaultTrials;
        var seed = TestEnvironment.Seed("LITEDATASETS_UPGRADE_SEED");
        var random = new Random(seed);
        using var directory = new TempDirectory();
        var sample = directory.File("sample.litedb");
        var dump = TestStores.CreateFirstFormatSample(sample, SampleItems);
        // The first child also pays for compiling the step; the second shows how long the step itself takes.
        var stepTime = TimeStep(directory, sample);
        stepTime = TimeStep(directory, sample) is var second && second < stepTime ? second : stepTime;
        int killedInside = 0, killedAfter = 0, spilled = 0;

        for (var trial = 0; trial < trials; trial++)
        {
            var context = string.Create(CultureInfo.InvariantCulture, $"seed {seed}, trial {trial}");
            var path = directory.File(string.Create(CultureInfo.InvariantCulture, $"trial-{trial}.litedb"));
            File.Copy(sample, path);
            var delay = TimeSpan.FromMilliseconds(random.NextDouble() * stepTime.TotalMilliseconds * 1.1);
            var upgraded = RunAndKill(path, delay, context);
            var journal = new FileInfo(path + "-journal");
            var journalHadPages = journal.Exists && journal.Length > 8192;

            var format = FormatLeftBehind(path, context);
            if (upgraded)
            {
                Assert.That(format, Is.EqualTo(2), $"{context}: the child reported the upgrade, so it was committed.");
            }

            killedInside += format == 1 ? 1 : 0;
            spilled += format == 1 && journalHadPages ? 1 : 0;
            killedAfter += format == 2 ? 1 : 0;

            using var store = DatasetStore.Open(new StoreSettings { Path = path, Formats = UpgradeDrill.Plan() });
            var (marked, all) = UpgradeDrill.Count(store.Connection.Database);
            Assert.Multiple(() =>
            {
                Assert.That(store.FormatVersion, Is.EqualTo(2), context);
                Assert.That(marked, Is.EqualTo(all), $"{context}: the finished upgrade marked every revision.");
                Assert.That(StoreDump.Of(store), Is.EqualTo(dump), $"{context}: the items and versions came through unchanged.");
                Assert.That(store.Verify().Problems, Is.Empty, context);
            });
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"upgrade crash test: {trials} trials, seed {seed}, step takes ~{stepTime.TotalMilliseconds:F0} ms; killed before the step committed {killedInside} ({spilled} with part of the step already in the journal), after {killedAfter}"));
        Assert.That(killedInside, Is.GreaterThan(0), $"seed {seed}: no kill landed inside the step, so the test proved less than it claims.");
    }

    [Test]
    public void Upgrade_ProcessKilledRightAfterTheStepCommitted_IsFormatTwoInTheJournalAndTheNextOpenFinishesIt()
    {
        using var directory = new TempDirectory();
        var path = directory.File("store.litedb");
        var dump = TestStores.CreateFirstFormatSample(path, SampleItems);
        var original = FileState.Of(path);

        var (exitCode, lines) = TestHostProcess.Run("upgrade-drill", path, "--die-after-step", "--fast");
        var journal = path + "-journal";
        var killed = (FileState.Of(path), FileState.Of(journal));

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { "opening", "step", "dying" }), "exit code " + exitCode.ToString(CultureInfo.InvariantCulture));
            Assert.That(killed.Item1, Is.EqualTo(original), "the step's pages wait in the journal: no checkpoint ran");
            Assert.That(FormatLeftBehind(path, "after the kill"), Is.EqualTo(2));
        });
        var refused = Assert.Throws<LiteDatasetsException>(() => DatasetStore.Open(new StoreSettings { Path = path, Formats = TestStores.FirstFormat }).Dispose());
        Assert.Multiple(() =>
        {
            Assert.That(refused!.Code, Is.EqualTo(ErrorCode.UnsupportedFormat), "a build of format 1 reads the record from the journal, whatever the header says");
            Assert.That((FileState.Of(path), FileState.Of(journal)), Is.EqualTo(killed));
        });

        var steps = 0;
        using (var store = DatasetStore.Open(new StoreSettings { Path = path, Formats = UpgradeDrill.Plan(() => steps++) }))
        {
            Assert.Multiple(() =>
            {
                Assert.That(steps, Is.Zero, "format 2 was committed; nothing runs again");
                Assert.That(store.FormatVersion, Is.EqualTo(2));
                Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
                Assert.That(store.Verify().Problems, Is.Empty);
            });
        }

        Assert.That(() => DatasetStore.Open(new StoreSettings { Path = path, ReadOnly = true, Formats = TestStores.FirstFormat }).Dispose(),
            Throws.TypeOf<LiteDatasetsException>().With.Property("Code").EqualTo(ErrorCode.UnsupportedFormat),
            "once closed, the header says format 2 as well");
    }

    [Test]
    public void Upgrade_ProcessKilledHalfWayThroughTheStep_AfterItSpilledToTheJournal_LeavesFormatOneUntouched()
    {
        using var directory = new TempDirectory();
        var path = directory.File("store.litedb");
        var dump = TestStores.CreateFirstFormatSample(path, SampleItems);
        var original = FileState.Of(path);

        var (exitCode, lines) = TestHostProcess.Run("upgrade-drill", path, "--die-mid-step", "--fast");

        Assert.Multiple(() =>
        {
            Assert.That(lines, Is.EqualTo(new[] { "opening", "step", "dying" }), "exit code " + exitCode.ToString(CultureInfo.InvariantCulture));
            Assert.That(new FileInfo(path + "-journal").Length, Is.GreaterThan(8192), "the step's uncommitted pages reached the journal");
            Assert.That(FileState.Of(path), Is.EqualTo(original));
            Assert.That(FormatLeftBehind(path, "after the kill"), Is.EqualTo(1));
        });

        var steps = 0;
        using var store = DatasetStore.Open(new StoreSettings { Path = path, Formats = UpgradeDrill.Plan(() => steps++) });
        Assert.Multiple(() =>
        {
            Assert.That((steps, store.FormatVersion), Is.EqualTo((1, 2)), "the step runs again, whole");
            Assert.That(UpgradeDrill.Count(store.Connection.Database).Marked, Is.EqualTo(UpgradeDrill.Count(store.Connection.Database).All));
            Assert.That(StoreDump.Of(store), Is.EqualTo(dump));
            Assert.That(store.Verify().Problems, Is.Empty);
        });
    }

    /// <summary>Lets one child upgrade a copy to the end and returns how long its step took.</summary>
    private static TimeSpan TimeStep(TempDirectory directory, string sample)
    {
        var path = directory.File("timing-" + Guid.NewGuid().ToString("N") + ".litedb");
        File.Copy(sample, path);
        using var child = TestHostProcess.Start("upgrade-drill", path, "--fast");
        Assert.That(child.ReadLine(), Is.EqualTo("opening"));
        Assert.That(child.ReadLine(), Is.EqualTo("step"));
        var clock = Stopwatch.StartNew();
        Assert.That(child.ReadLine(), Is.EqualTo("upgraded 2"));
        return clock.Elapsed;
    }

    /// <summary>Starts the drill, kills the child <paramref name="delay"/> after its step began, and returns whether it had reported the upgrade.</summary>
    private static bool RunAndKill(string path, TimeSpan delay, string context)
    {
        using var child = TestHostProcess.Start("upgrade-drill", path, "--fast");
        Assert.That(child.ReadLine(), Is.EqualTo("opening"), context);
        Assert.That(child.ReadLine(), Is.EqualTo("step"), context);

        // The pause only picks the moment of the kill; nothing waits on it.
        Thread.Sleep(delay);
        child.Kill();
        return child.ReadLine() == "upgraded 2";
    }

    /// <summary>
    /// Reads the killed file without changing it and returns its format: 2 with every revision marked, or 1
    /// with none (a build of format 1 opens it as it was).
    /// </summary>
    private static int FormatLeftBehind(string path, string context)
    {
        try
        {
            using var upgraded = DatasetStore.Open(new StoreSettings { Path = path, ReadOnly = true, Formats = UpgradeDrill.Plan() });
            var (marked, all) = UpgradeDrill.Count(upgraded.Connection.Database);
            Assert.That(marked, Is.EqualTo(all), $"{context}: format 2 was committed with part of its step.");
            return upgraded.FormatVersion;
        }
        catch (LiteDatasetsException ex) when (ex.Code == ErrorCode.UnsupportedFormat)
        {
            using var original = DatasetStore.Open(new StoreSettings { Path = path, ReadOnly = true, Formats = TestStores.FirstFormat });
            Assert.That(UpgradeDrill.Count(original.Connection.Database).Marked, Is.Zero, $"{context}: format 1 holds part of the step.");
            return original.FormatVersion;
        }
    }
}
