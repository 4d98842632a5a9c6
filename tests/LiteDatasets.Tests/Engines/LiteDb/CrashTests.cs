using System.Diagnostics;
using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Crash safety (a process killed at any moment during writes leaves a file that opens, verifies, and holds
/// exactly the commits that returned before the kill, plus possibly the one in flight, entirely or not at all).
/// A child process runs a seeded random stream of writes (<c>crash-writer</c> in the test host), printing what
/// every commit must hold; the test kills it with SIGKILL at a random moment — while it opens the store, between
/// or during small writes, and inside batches of up to 5,000 items — then checks the file. One file serves
/// several trials in a row, so later children open files that crashed before (and were recovered either by the
/// test's check or, when the test checked a copy, by the child itself).
/// </summary>
/// <remarks>
/// <para>Environment variables: <c>LITEDATASETS_CRASH_TRIALS</c> sets the number of trials (50 by default, which
/// stays within about a minute and a half on two cores; set 500 or more for a long run on demand).
/// <c>LITEDATASETS_CRASH_SEED</c> replays the random choices of an earlier run (the seed is printed with every
/// failure and in the summary); the exact moment of each kill still depends on timing.</para>
/// </remarks>
[TestFixture]
public sealed partial class CrashTests
{
    private const int DefaultTrials = 50;

    /// <summary>Trials that share one file before the test starts a new one (keeps each file, and each check, small).</summary>
    private const int TrialsPerFile = 5;

    /// <summary>The most write calls one child makes; it waits to be killed after them.</summary>
    private const int WritesPerChild = 40;

    /// <summary>A write call of at least this many items counts as a large batch.</summary>
    private const int LargeBatch = 500;

    /// <summary>The longest the check of one file may take (it takes well under a second).</summary>
    private static readonly TimeSpan CheckBound = TimeSpan.FromSeconds(120);

    [Test]
    public void Write_ChildKilledAtRandomMoments_FileOpensVerifiesAndHoldsExactlyTheReturnedCommits()
    {
        var trials = TestEnvironment.Number("LITEDATASETS_CRASH_TRIALS") ?? DefaultTrials;
        var seed = TestEnvironment.Seed("LITEDATASETS_CRASH_SEED");
        TestContext.Out.WriteLine($"crash test: {trials} trials");
        var random = new Random(seed);
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        using var directory = new TempDirectory();

        CrashFile? file = null;
        for (var trial = 0; trial < trials; trial++)
        {
            if (trial % TrialsPerFile == 0)
            {
                if (file is not null)
                {
                    var last = file;
                    WithinBound(() => CheckClosedFile(last, $"seed {seed}, after the last trial on file {last.Number}", tally), $"seed {seed}, file {last.Number}");
                }

                file = CrashFile.Create(directory, trial / TrialsPerFile);
            }

            var plan = KillPlan.Choose(random, trial);
            var context = $"seed {seed}, trial {trial} ({plan}, file {file!.Number})";
            try
            {
                RunTrial(file, plan, context, tally);
            }
            catch (AssertionException)
            {
                // Failures raised by the helpers (a child that hangs, say) do not know the trial.
                TestContext.Out.WriteLine("crash test failed in " + context);
                throw;
            }
        }

        if (file is not null)
        {
            WithinBound(() => CheckClosedFile(file, $"seed {seed}, after the last trial on file {file.Number}", tally), $"seed {seed}, file {file.Number}");
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"crash test: {tally.Trials} trials ({tally.DurableTrials} durable, {tally.Trials - tally.DurableTrials} not) in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}; ") +
            string.Create(CultureInfo.InvariantCulture,
            $"kills inside a write call {tally.KillsInFlight} (inside a batch {tally.KillsInBatch}, of >= {LargeBatch} items {tally.KillsInLargeBatch}), before the store was open {tally.KillsBeforeOpen}; ") +
            string.Create(CultureInfo.InvariantCulture,
            $"in-flight commits found whole {tally.InFlightKept}, found absent {tally.InFlightDropped}; commits checked in full {tally.CommitsChecked}, version records re-checked {tally.VersionsRechecked}, checks on a copy {tally.CopyChecks}"));
        Assert.Multiple(() =>
        {
            Assert.That(tally.Trials, Is.EqualTo(trials));
            Assert.That(tally.KillsInLargeBatch, Is.GreaterThan(0), $"seed {seed}: no kill landed inside a large batch, so the test proved less than it claims.");
            Assert.That(tally.CommitsChecked, Is.GreaterThan(trials), $"seed {seed}: the children committed too little to test anything.");
        });
    }

    /// <summary>Runs one child on the file, kills it as planned, and checks what it left.</summary>
    private static void RunTrial(CrashFile file, KillPlan plan, string context, Tally tally)
    {
        var arguments = new List<string>
        {
            "crash-writer", file.Path, plan.ChildSeed.ToString(CultureInfo.InvariantCulture),
            "t" + plan.Trial.ToString(CultureInfo.InvariantCulture), WritesPerChild.ToString(CultureInfo.InvariantCulture),
            plan.LargeAt.ToString(CultureInfo.InvariantCulture),
        };
        if (!plan.Durable)
        {
            arguments.Add("--fast");
        }

        var lines = RunAndKill(arguments, CrashLine.Parse, l => l.IsExpected, plan.KillsAt, plan.Delay, context, Tail);
        tally.Trials++;
        tally.DurableTrials += plan.Durable ? 1 : 0;
        WithinBound(() => CheckAfterKill(file, plan, lines, context, tally), context);
    }

    /// <summary>
    /// Starts a writer in the test host, reads what it prints until <paramref name="killsAt"/> picks the moment, waits
    /// <paramref name="delay"/> (which only picks the moment of the kill; nothing waits on it) and kills it with SIGKILL;
    /// returns every line it printed, those it printed before the kill took effect included, each parsed and checked to
    /// be one a healthy writer prints (<paramref name="tail"/> describes the last lines in failure messages).
    /// </summary>
    internal static List<T> RunAndKill<T>(List<string> arguments, Func<string, T> parse, Func<T, bool> isExpected, Func<List<T>, bool> killsAt, TimeSpan delay, string context, Func<List<T>, string> tail)
    {
        var lines = new List<T>();
        void Add(string text)
        {
            lines.Add(parse(text));
            Assert.That(isExpected(lines[^1]), Is.True, $"{context}: the writer reported a problem: {text}{tail(lines)}");
        }

        using var child = TestHostProcess.Start([.. arguments]);
        do
        {
            if (child.ReadLine() is not { } text)
            {
                Assert.Fail($"{context}: the writer ended before it was killed (exit code {ExitCodeOf(child)}).{tail(lines)}");
                return lines;
            }

            Add(text);
        }
        while (!killsAt(lines));

        if (delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }

        child.Kill();
        while (child.ReadLine() is { } rest)
        {
            Add(rest);
        }

        return lines;
    }

    /// <summary>
    /// Whether a writer that printed lines of <paramref name="kinds"/> (see <see cref="CrashLine"/>) is to be killed now:
    /// once it is idle; or, by <paramref name="moment"/>, as it opens the store ("at-open"), after its k-th commit
    /// ("after-commits", <paramref name="commits"/> = k; 0: once open), or inside the large batch whose <c>begin</c> line
    /// is at <paramref name="largeBegin"/> ("in-batch"), at <paramref name="marker"/>: 0 as it starts, 1 to 3 at that
    /// progress line, 4 once all its drafts are read (or it has committed).
    /// </summary>
    internal static bool KillsNow(List<string> kinds, string moment, int commits, int marker, int largeBegin)
    {
        var last = kinds[^1];
        if (last == CrashLine.Idle)
        {
            return true;
        }

        switch (moment)
        {
            case "at-open":
                return last == CrashLine.Opening;
            case "after-commits":
                return commits == 0 ? last == CrashLine.Open : last == CrashLine.Commit && kinds.Count(k => k == CrashLine.Commit) == commits;
            default:
                if (largeBegin < 0)
                {
                    return false;
                }

                var since = kinds.Skip(largeBegin).ToList();
                return marker switch
                {
                    0 => since.Count == 1,
                    4 => last is CrashLine.Enumerated or CrashLine.Commit,
                    _ => since.Count(k => k == CrashLine.Progress) == marker && last == CrashLine.Progress,
                };
        }
    }

    /// <summary>Runs a check on a thread of its own and fails, instead of hanging, if it does not end in time.</summary>
    internal static void WithinBound(Action check, string context)
    {
        var task = Task.Factory.StartNew(check, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (Task.WaitAny([task], CheckBound) < 0)
        {
            Assert.Fail($"{context}: opening and checking the file did not end within {CheckBound.TotalSeconds} s.");
        }

        task.GetAwaiter().GetResult();
    }

    private static string ExitCodeOf(TestHostProcess child)
    {
        try
        {
            return child.WaitForExit().ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    /// <summary>The writer's last lines, for failure messages.</summary>
    private static string Tail(List<CrashLine> lines) =>
        "\nlast lines of the writer:\n  " + string.Join("\n  ", lines.TakeLast(8).Select(l => l.Text));

    /// <summary>
    /// When and how to kill one child, drawn from the test's seeded random source: while it opens the store, after
    /// its k-th commit, or at a chosen point inside its first large batch (when it starts, as its drafts are read,
    /// or once all are read and the commit is being written), each followed by a short random pause.
    /// </summary>
    private sealed record KillPlan(int Trial, int ChildSeed, bool Durable, bool CheckInPlace, string Moment, int Commits, int Marker, TimeSpan Delay)
    {
        /// <summary>Gets the write call the child makes a large batch (-1: only those its own random stream makes).</summary>
        public int LargeAt { get; init; } = -1;

        public static KillPlan Choose(Random random, int trial)
        {
            var childSeed = random.Next();
            var durable = trial % 2 == 0;
            var inPlace = random.Next(2) == 0;
            var roll = random.Next(100);
            return roll switch
            {
                < 15 => new KillPlan(trial, childSeed, durable, inPlace, "at-open", 0, 0, TimeSpan.FromMilliseconds(random.Next(0, 400))),
                < 55 => new KillPlan(trial, childSeed, durable, inPlace, "after-commits", random.Next(0, 6), 0, TimeSpan.FromMilliseconds(random.Next(0, 25))),
                _ => ChooseInBatch(random, trial, childSeed, durable, inPlace),
            };
        }

        private static KillPlan ChooseInBatch(Random random, int trial, int childSeed, bool durable, bool inPlace)
        {
            // 0: as the call starts; 1-3: at a progress line; 4: all drafts read, the commit being written.
            var marker = random.Next(5);
            var delay = marker == 4 ? random.Next(0, 400) : random.Next(0, 10);
            return new KillPlan(trial, childSeed, durable, inPlace, "in-batch", 0, marker, TimeSpan.FromMilliseconds(delay)) { LargeAt = random.Next(0, 4) };
        }

        /// <summary>Whether the child is to be killed now that it printed the last of <paramref name="lines"/>.</summary>
        public bool KillsAt(List<CrashLine> lines) =>
            KillsNow(lines.ConvertAll(l => l.Kind), Moment, Commits, Marker, lines.FindIndex(IsLargeBatch));

        /// <summary>A large batch whose drafts are read inside the call (so it prints progress lines).</summary>
        private static bool IsLargeBatch(CrashLine line) => line.Kind == CrashLine.Begin && line.Size >= LargeBatch && line.Op != "delete-batch";

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"child seed {ChildSeed}, {(Durable ? "durable" : "not durable")}, kill {Moment}{(Moment == "after-commits" ? " " + Commits : Moment == "in-batch" ? " marker " + Marker : "")} +{Delay.TotalMilliseconds:F0} ms, check {(CheckInPlace ? "in place" : "on a copy")}");
    }

    /// <summary>What the trials did, for the summary line.</summary>
    private sealed class Tally
    {
        public int Trials { get; set; }

        public int DurableTrials { get; set; }

        public int KillsInFlight { get; set; }

        public int KillsInBatch { get; set; }

        public int KillsInLargeBatch { get; set; }

        public int KillsBeforeOpen { get; set; }

        public int InFlightKept { get; set; }

        public int InFlightDropped { get; set; }

        public int CommitsChecked { get; set; }

        public int VersionsRechecked { get; set; }

        public int CopyChecks { get; set; }
    }
}
