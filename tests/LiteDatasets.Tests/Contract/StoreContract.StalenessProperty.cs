using System.Text.Json.Nodes;

// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// Staleness as a property: after random edits on both sides of an experiment's pin, its report equals an oracle that
/// reads the two snapshots in full and compares every item under the policy, one value at a pointer at a time.
/// FsCheck reports the replay seed of a failing case.
/// </summary>
public sealed partial class StoreContract
{
    private const string StalenessSeed = "(20261204,1231)";

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(StalenessArbitraries) }, MaxTest = 40, Replay = StalenessSeed, QuietOnSuccess = true)]
    public void GetStaleness_RandomEditsAroundThePin_EqualsTheSnapshotOracle(StaleCase edits)
    {
        var ds = NewDataset("stale-" + Guid.NewGuid().ToString("N"));
        var ids = new List<string>();
        for (var i = 0; i < edits.Items; i++)
        {
            ApplyStaleEdit(ds.Id, ids, new StaleEdit(0, 0, 0));
        }

        edits.Before.ToList().ForEach(edit => ApplyStaleEdit(ds.Id, ids, edit));
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition
        {
            Repetitions = edits.Repetitions,
            Filter = edits.Filtered ? new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("a") } } : null,
            Scorers = edits.Recording == 1 ? new Dictionary<string, string> { ["exact"] = "v2" } : null,
        });
        var recorded = RecordStaleRuns(experiment, edits);
        edits.After.ToList().ForEach(edit => ApplyStaleEdit(ds.Id, ids, edit));
        var policy = edits.Policy switch
        {
            1 => new StalenessPolicy { RerunPaths = ["/input", "/metadata/difficulty"] },
            2 => new StalenessPolicy { RescorePaths = ["/expectedOutput", "/metadata/difficulty"] },
            _ => StalenessPolicy.Default,
        };

        var report = Store.GetStaleness(experiment.Id, new StalenessOptions { Policy = policy });

        var target = Store.GetDataset(ds.Id)!.Version;
        var (runs, counts) = StaleOracle(ds.Id, experiment, target, ids, recorded, policy);
        Assert.Multiple(() =>
        {
            Assert.That(report.Runs.Select(r => $"{r.ItemId}#{r.Repetition}:{r.State}"), Is.EqualTo(runs), edits.ToString());
            Assert.That(report.Counts, Is.EquivalentTo(counts), edits.ToString());
            Assert.That((report.PinnedVersion, report.TargetVersion), Is.EqualTo((experiment.DatasetVersion, target)));
        });
    }

    /// <summary>Applies one edit; edits of an item that is not live, and restores with no earlier version, do nothing.</summary>
    private void ApplyStaleEdit(string datasetId, List<string> ids, StaleEdit edit)
    {
        if (edit.Op == 0)
        {
            var n = ids.Count;
            var metadata = new JsonObject { ["difficulty"] = 0, ["note"] = 0, ["split"] = n % 3 == 2 ? "b" : "a" };
            ids.Add(Store.AddItems(datasetId, [new ItemDraft(new JsonObject { ["q"] = "q0", ["k"] = n }) { Id = $"i{n}", ExpectedOutput = "e0", Metadata = metadata }]).Items[0].Id);
            return;
        }

        if (edit.Op == 6)
        {
            var current = Store.GetDataset(datasetId)!.Version;
            if (current > 1)
            {
                Store.RestoreVersion(datasetId, 1 + (edit.Value % (current - 1)));
            }

            return;
        }

        var id = ids[edit.Item % ids.Count];
        if (Store.GetItem(datasetId, id) is not { } item)
        {
            return;
        }

        var input = item.Input.DeepClone().AsObject();
        var meta = item.Metadata!.DeepClone().AsObject();
        switch (edit.Op)
        {
            case 1:
                input["q"] = $"q{edit.Value}";
                Store.UpdateItem(datasetId, id, new ItemPatch { Input = input });
                break;
            case 2:
                Store.UpdateItem(datasetId, id, new ItemPatch { ExpectedOutput = $"e{edit.Value}" });
                break;
            case 3 or 4 or 8:
                meta[edit.Op == 3 ? "difficulty" : edit.Op == 4 ? "note" : "split"] = edit.Op == 8 ? (edit.Value % 2 == 0 ? "a" : "b") : edit.Value;
                Store.UpdateItem(datasetId, id, new ItemPatch { Metadata = meta });
                break;
            case 5:
                Store.DeleteItem(datasetId, id);
                break;
            default:
                Store.UpdateItem(datasetId, id, new ItemPatch { Input = new JsonObject { ["q"] = "changed", ["k"] = -1 } });
                Store.UpdateItem(datasetId, id, new ItemPatch { Input = input });
                break;
        }
    }

    /// <summary>Records the experiment's runs as the case says; returns, per run recorded, whether it failed and whether its scorer version differs.</summary>
    private Dictionary<(string, int), (bool Failed, bool ScorerChanged)> RecordStaleRuns(Experiment experiment, StaleCase edits)
    {
        var random = new Random(edits.Seed);
        var recorded = new Dictionary<(string, int), (bool, bool)>();
        var drafts = new List<ResultDraft>();
        foreach (var run in Store.GetPendingWork(experiment.Id).ToList())
        {
            var choice = edits.Recording == 0 ? 2 : random.Next(4);
            if (choice == 0)
            {
                continue;
            }

            drafts.Add(new ResultDraft(run.Item.Id)
            {
                Repetition = run.Repetition,
                Output = choice == 1 ? null : JsonValue.Create("out"),
                Error = choice == 1 ? new ResultError("failed") : null,
                Scores = choice == 1 || edits.Recording == 0 ? [] : [new ScoreDraft("exact") { Value = 1, ScorerVersion = choice == 3 ? "v1" : "v2" }],
            });
            recorded[(run.Item.Id, run.Repetition)] = (choice == 1, choice == 3);
        }

        Store.RecordResults(experiment.Id, drafts);
        return recorded;
    }

    /// <summary>The oracle: both snapshots read in full, each item of either compared under the policy, value by value.</summary>
    private (List<string> Runs, Dictionary<StalenessState, long> Counts) StaleOracle(
        string datasetId, Experiment experiment, long target, List<string> ids, Dictionary<(string, int), (bool Failed, bool ScorerChanged)> recorded, StalenessPolicy policy)
    {
        var before = Store.ReadItems(datasetId, experiment.DatasetVersion).ToDictionary(i => i.Id);
        var after = Store.ReadItems(datasetId, target).ToDictionary(i => i.Id);
        bool InScope(DatasetItem item) => experiment.Filter is null || item.Metadata?["split"]?.GetValue<string>() == "a";
        var counts = Enum.GetValues<StalenessState>().ToDictionary(s => s, _ => 0L);
        var runs = new List<string>();
        foreach (var id in ids)
        {
            var inPin = before.TryGetValue(id, out var b) && InScope(b);
            var inTarget = after.TryGetValue(id, out var a) && InScope(a);
            for (var repetition = 0; (inPin || inTarget) && repetition < experiment.Repetitions; repetition++)
            {
                var has = recorded.TryGetValue((id, repetition), out var result);
                var state = !inTarget ? StalenessState.Orphaned
                    : !inPin || !has ? StalenessState.Missing
                    : policy.RerunPaths.Any(p => !SameAt(b!, a!, p)) ? StalenessState.Rerun
                    : result.Failed ? StalenessState.Failed
                    : policy.RescorePaths.Any(p => !SameAt(b!, a!, p)) ? StalenessState.Rescore
                    : result.ScorerChanged ? StalenessState.RescoreScorer
                    : StalenessState.Fresh;
                counts[state]++;
                runs.AddRange(state == StalenessState.Fresh ? [] : [$"{id}#{repetition}:{state}"]);
            }
        }

        return (runs, counts);
    }

    /// <summary>Whether two states of an item hold the same value (or both nothing) at a JSON Pointer.</summary>
    private static bool SameAt(DatasetItem before, DatasetItem after, string pointer)
    {
        var (foundBefore, valueBefore) = ValueAtPointer(before, pointer);
        var (foundAfter, valueAfter) = ValueAtPointer(after, pointer);
        return foundBefore == foundAfter && JsonNode.DeepEquals(valueBefore, valueAfter);
    }

    private static (bool Found, JsonNode? Value) ValueAtPointer(DatasetItem item, string pointer)
    {
        var tokens = pointer.Split('/')[1..];
        JsonNode? node = tokens[0] switch { "input" => item.Input, "expectedOutput" => item.ExpectedOutput, _ => item.Metadata };
        if (node is null)
        {
            return (false, null);
        }

        foreach (var token in tokens[1..])
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(token, out node))
            {
                return (false, null);
            }
        }

        return (true, node);
    }
}
