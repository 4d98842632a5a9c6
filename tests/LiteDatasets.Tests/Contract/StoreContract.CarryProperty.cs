using System.Text.Json.Nodes;

// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Carrying results forward as a property: after random edits, an experiment created from an earlier one leaves
/// exactly the earlier one's stale runs pending, and once a harness has done them, every result equals that of an
/// experiment run from scratch at the same version. FsCheck reports the replay seed of a failing case.
/// </summary>
public sealed partial class StoreContract
{
    private const string CarrySeed = "(20261204,1249)";

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(StalenessArbitraries) }, MaxTest = 30, Replay = CarrySeed, QuietOnSuccess = true)]
    public void CreateExperiment_CarryFromAfterRandomEdits_PendsTheStaleRunsAndEndsAsAFullRun(StaleCase edits)
    {
        var ds = NewDataset("carry-" + Guid.NewGuid().ToString("N"));
        var ids = new List<string>();
        for (var i = 0; i < edits.Items; i++)
        {
            ApplyStaleEdit(ds.Id, ids, new StaleEdit(0, 0, 0));
        }

        edits.Before.ToList().ForEach(edit => ApplyStaleEdit(ds.Id, ids, edit));
        var policy = edits.Policy switch
        {
            1 => new StalenessPolicy { RerunPaths = ["/input", "/metadata/difficulty"] },
            2 => new StalenessPolicy { RescorePaths = ["/expectedOutput", "/metadata/difficulty"] },
            _ => null,
        };
        var definition = new ExperimentDefinition
        {
            Repetitions = edits.Repetitions,
            TaskVersion = "harness-1",
            Filter = edits.Filtered ? new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("a") } } : null,
            Scorers = edits.Recording == 1 ? new Dictionary<string, string> { ["exact"] = "v2" } : null,
            Policy = policy,
        };
        var earlier = NewExperiment(ds.Id, definition);
        RunHarness(earlier, edits.Recording == 0 ? null : new Random(edits.Seed));
        edits.After.ToList().ForEach(edit => ApplyStaleEdit(ds.Id, ids, edit));

        var carried = Store.CreateExperiment(ds.Id, definition with { CarryFrom = earlier.Name });
        var report = Store.GetStaleness(earlier.Id, new StalenessOptions { Version = carried.DatasetVersion });
        var pending = Store.GetPendingWork(carried.Id).Select(w => $"{w.Item.Id}#{w.Repetition}:{w.Reason}").ToList();
        RunHarness(carried, null);
        var full = NewExperiment(ds.Id, definition);
        RunHarness(full, null);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.EqualTo(report.Runs.Where(r => r.State != StalenessState.Orphaned).Select(r => $"{r.ItemId}#{r.Repetition}:{AsPending(r.State)}")), edits.ToString());
            Assert.That(carried.Carried, Is.EqualTo(report.Counts[StalenessState.Fresh] + report.Counts[StalenessState.Rescore] + report.Counts[StalenessState.RescoreScorer]), edits.ToString());
            Assert.That(Store.ReadResults(carried.Id).Select(HarnessView), Is.EqualTo(Store.ReadResults(full.Id).Select(HarnessView)), edits.ToString());
            Assert.That(Store.GetPendingWork(carried.Id), Is.Empty);
        });
    }

    private static PendingReason AsPending(StalenessState state) => state switch
    {
        StalenessState.Missing => PendingReason.Missing,
        StalenessState.Rerun => PendingReason.Rerun,
        StalenessState.Failed => PendingReason.Failed,
        _ => PendingReason.Rescore,
    };

    private static string HarnessView(ExperimentResult r) =>
        $"{r.ItemId}#{r.Repetition} v{r.ItemVersion} {r.ItemHash} {Text(r.Output)} {r.Error?.Message ?? "-"} {string.Join(",", r.Scores.Select(s => $"{s.Name}={s.Value}@{s.ScorerVersion}"))}";

    /// <summary>
    /// Does an experiment's pending work as a harness would: runs the task (the output follows the input) and the
    /// scorer (the score follows the output and the expected output), or only the scorer for a run to rescore. With a
    /// <paramref name="random"/>, some runs are skipped, fail, or are scored by an older scorer version.
    /// </summary>
    private void RunHarness(Experiment experiment, Random? random)
    {
        foreach (var work in Store.GetPendingWork(experiment.Id).ToList())
        {
            var choice = random?.Next(5) ?? 0;
            var output = work.Reason == PendingReason.Rescore ? work.Previous!.Output : JsonValue.Create(Text(work.Item.Input["q"]) + "!");
            var score = new ScoreDraft("exact") { Value = (Text(output) + Text(work.Item.ExpectedOutput)).Sum(c => c) % 97, ScorerVersion = choice == 3 ? "v1" : "v2" };
            if (choice == 1)
            {
                continue;
            }

            if (work.Reason == PendingReason.Rescore)
            {
                Store.RecordScores(experiment.Id, work.Item.Id, work.Repetition, [score]);
                continue;
            }

            Store.RecordResult(experiment.Id, choice == 2
                ? new ResultDraft(work.Item.Id) { Repetition = work.Repetition, Error = new ResultError("flaky") }
                : new ResultDraft(work.Item.Id) { Repetition = work.Repetition, Output = output!.DeepClone(), Scores = [score] });
        }
    }
}
