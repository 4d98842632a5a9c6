using System.Diagnostics;
using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Crash safety of result writes (a process killed while it records batches of results leaves every batch whole or
/// absent). A child process records a seeded random series of batches into an experiment (<c>result-writer</c> in the
/// test host) — through <c>RecordResults</c>, through a recorder whose every commit is one batch, and one result at a
/// time — printing each batch before it hands it over and each commit once it has returned; the test kills it with
/// SIGKILL while it opens the store, after its k-th commit, or inside a large batch (as it starts, while its results
/// are handed over, or once all are and the commit is being written), then reopens the file and checks it against a
/// model of its own: every batch the child saw committed is there whole, the one in flight is there whole or not at
/// all, each run holds the result of the last batch that wrote it (and counts its writes), the experiment's counters
/// equal its results, its pending work is exactly the runs without a successful result, and <c>Verify</c> is clean.
/// Several trials share a file, so later children open files that crashed before.
/// </summary>
/// <remarks>
/// <para>Children open the store with the default <c>Durable = true</c>, except every fourth, which uses
/// <c>Durable = false</c> (a process kill must lose no commit either way).</para>
/// <para>Environment variables: <c>LITEDATASETS_RESULT_CRASH_TRIALS</c> sets the number of trials (20 by default, about
/// half a minute on two cores), <c>LITEDATASETS_RESULT_CRASH_SEED</c> replays the random choices of an earlier run (the
/// exact moment of each kill still depends on timing).</para>
/// </remarks>
[TestFixture]
public sealed partial class ResultCrashTests
{
    private const int DefaultTrials = 20;

    /// <summary>Trials that share one file before the test starts a new one.</summary>
    private const int TrialsPerFile = 5;

    /// <summary>The most batches one child records; it waits to be killed after them.</summary>
    private const int BatchesPerChild = 12;

    /// <summary>The items of the dataset the experiment pins.</summary>
    private const int Items = 400;

    /// <summary>The experiment's repetitions: a run is one of <see cref="Items"/> × this.</summary>
    private const int Repetitions = 3;

    [Test]
    public void RecordResults_ChildKilledDuringBatches_EachBatchWholeOrAbsentAndVerifyClean()
    {
        var trials = TestEnvironment.Number("LITEDATASETS_RESULT_CRASH_TRIALS") ?? DefaultTrials;
        var seed = TestEnvironment.Seed("LITEDATASETS_RESULT_CRASH_SEED");
        var random = new Random(seed);
        var tally = new Tally();
        var clock = Stopwatch.StartNew();
        using var directory = new TempDirectory();

        ResultFile? file = null;
        for (var trial = 0; trial < trials; trial++)
        {
            if (trial % TrialsPerFile == 0)
            {
                file = ResultFile.Create(directory, trial / TrialsPerFile);
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
                TestContext.Out.WriteLine("result crash test failed in " + context);
                throw;
            }
        }

        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result crash test: {tally.Trials} trials in {clock.Elapsed.TotalSeconds:F1} s, seed {seed}; batches checked {tally.BatchesChecked}, kills before the store was open {tally.KillsBeforeOpen}; ") +
            string.Create(CultureInfo.InvariantCulture,
            $"kills with a batch in flight: {string.Join(", ", tally.InFlight.Select(k => k.Key + " " + k.Value))}; in-flight batches found whole {tally.InFlightKept}, found absent {tally.InFlightDropped}"));
        Assert.Multiple(() =>
        {
            Assert.That(tally.Trials, Is.EqualTo(trials));
            Assert.That(tally.InFlight.GetValueOrDefault("record") > 0 && tally.InFlight.GetValueOrDefault("recorder") > 0, Is.True,
                $"seed {seed}: no kill landed inside a RecordResults batch or a recorder's batch, so the test proved less than it claims.");
            Assert.That(tally.BatchesChecked, Is.GreaterThan(trials), $"seed {seed}: the children committed too little to test anything.");
        });
    }

    /// <summary>Runs one child on the file, kills it as planned, and checks what it left.</summary>
    private static void RunTrial(ResultFile file, KillPlan plan, string context, Tally tally)
    {
        var arguments = new List<string>
        {
            "result-writer", file.Path, plan.ChildSeed.ToString(CultureInfo.InvariantCulture), "t" + plan.Trial.ToString(CultureInfo.InvariantCulture),
            BatchesPerChild.ToString(CultureInfo.InvariantCulture), plan.LargeAt.ToString(CultureInfo.InvariantCulture), plan.LargeOp,
        };
        if (!plan.Durable)
        {
            arguments.Add("--fast");
        }

        var lines = CrashTests.RunAndKill(arguments, ResultCrashLine.Parse, l => l.IsExpected, plan.KillsAt, plan.Delay, context, Tail);
        tally.Trials++;
        CrashTests.WithinBound(() => CheckAfterKill(file, lines, context + Tail(lines), tally), context);
    }

    /// <summary>The writer's last lines (runs left out), for failure messages.</summary>
    private static string Tail(List<ResultCrashLine> lines) =>
        "\nlast lines of the writer:\n  " + string.Join("\n  ", lines.TakeLast(8).Select(l => l.Kind == CrashLine.Begin ? $"begin {l.Batch} {l.Op} of {l.Runs.Count}" : l.Text));

    /// <summary>
    /// When and how to kill one child, drawn from the test's seeded random source. Even trials kill inside a large
    /// batch, alternately a <c>RecordResults</c> batch and a recorder's (as it starts, at a progress line, or once all
    /// its results are handed over and the commit is being written); odd ones while the child opens the store or after
    /// its k-th commit. Each kill follows a short random pause.
    /// </summary>
    private sealed record KillPlan(int Trial, int ChildSeed, bool Durable, string Moment, int Commits, int Marker, TimeSpan Delay)
    {
        /// <summary>Gets the batch the child makes a large one (-1: none).</summary>
        public int LargeAt { get; init; } = -1;

        /// <summary>Gets how the large batch is recorded (<c>record</c> or <c>recorder</c>; "-" for none).</summary>
        public string LargeOp { get; init; } = "-";

        public static KillPlan Choose(Random random, int trial)
        {
            var childSeed = random.Next();
            var durable = trial % 4 != 3;
            if (trial % 2 == 0)
            {
                // 0: as the batch starts; 1-3: at a progress line; 4: all results handed over, the commit being written.
                var marker = random.Next(5);
                var delay = marker == 4 ? random.Next(0, 150) : random.Next(0, 10);
                return new KillPlan(trial, childSeed, durable, "in-batch", 0, marker, TimeSpan.FromMilliseconds(delay))
                {
                    LargeAt = random.Next(0, 4),
                    LargeOp = trial % 4 == 0 ? "record" : "recorder",
                };
            }

            return random.Next(4) == 0
                ? new KillPlan(trial, childSeed, durable, "at-open", 0, 0, TimeSpan.FromMilliseconds(random.Next(0, 400)))
                : new KillPlan(trial, childSeed, durable, "after-commits", random.Next(0, 6), 0, TimeSpan.FromMilliseconds(random.Next(0, 25)));
        }

        /// <summary>Whether the child is to be killed now that it printed the last of <paramref name="lines"/>.</summary>
        public bool KillsAt(List<ResultCrashLine> lines)
        {
            var large = "-b" + LargeAt.ToString(CultureInfo.InvariantCulture);
            var begin = lines.FindIndex(l => l.Kind == CrashLine.Begin && l.Batch.EndsWith(large, StringComparison.Ordinal));
            return CrashTests.KillsNow(lines.ConvertAll(l => l.Kind), Moment, Commits, Marker, Moment == "in-batch" ? begin : -1);
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"child seed {ChildSeed}, {(Durable ? "durable" : "not durable")}, kill {Moment}{(Moment == "after-commits" ? " " + Commits : Moment == "in-batch" ? $" {LargeOp} batch {LargeAt} marker {Marker}" : "")} +{Delay.TotalMilliseconds:F0} ms");
    }

    /// <summary>What the trials did, for the summary line.</summary>
    private sealed class Tally
    {
        public int Trials { get; set; }

        public int KillsBeforeOpen { get; set; }

        /// <summary>Gets the kills that found a batch in flight, by how it was being recorded.</summary>
        public Dictionary<string, int> InFlight { get; } = new(StringComparer.Ordinal);

        public int InFlightKept { get; set; }

        public int InFlightDropped { get; set; }

        public int BatchesChecked { get; set; }
    }
}
