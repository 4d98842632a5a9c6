using System.Text.Json.Nodes;

namespace LiteDatasets.Tests;

/// <summary>
/// A generated comparison: items added, a baseline pinned to that version, edits of every kind (input, expected output,
/// metadata, changed and changed back, deleted, items added), a candidate pinned after them, and results of both
/// (some runs missing, some failed, scores with values, verdicts and scorer errors), with the options to compare by.
/// </summary>
/// <param name="Edits">One edit per item first added.</param>
/// <param name="Added">Items added after the baseline's pin.</param>
/// <param name="BaselineRepetitions">The baseline's repetitions.</param>
/// <param name="CandidateRepetitions">The candidate's repetitions.</param>
/// <param name="BaselineRuns">Plans of the baseline's runs, taken in item and repetition order (runs beyond the list are missing).</param>
/// <param name="CandidateRuns">Plans of the candidate's runs, likewise.</param>
/// <param name="Options">The options to compare by.</param>
public sealed record ComparisonCase(
    IReadOnlyList<ComparisonCase.Edit> Edits,
    int Added,
    int BaselineRepetitions,
    int CandidateRepetitions,
    IReadOnlyList<ComparisonCase.Run> BaselineRuns,
    IReadOnlyList<ComparisonCase.Run> CandidateRuns,
    CompareOptions Options)
{
    /// <summary>What happens to an item between the two pins.</summary>
    public enum Edit
    {
        None,
        Input,
        ExpectedOutput,
        Metadata,
        ChangedBack,
        Deleted,
    }

    /// <summary>Gets the ids of every item, in the order they were first added.</summary>
    public IReadOnlyList<string> ItemIds => [.. Edits.Select((_, i) => "i" + i), .. Enumerable.Range(0, Added).Select(i => "n" + i)];

    /// <summary>Plays the case into a new dataset of <paramref name="store"/>; returns it and both experiments.</summary>
    public (Dataset Dataset, Experiment Baseline, Experiment Candidate) Play(IDatasetStore store, string name)
    {
        var dataset = store.CreateDataset(new DatasetDefinition(name));
        store.AddItems(dataset.Id, Edits.Select((_, i) => Item("i" + i, i)));
        var baseline = store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "baseline", Repetitions = BaselineRepetitions, TaskVersion = "a" });
        for (var i = 0; i < Edits.Count; i++)
        {
            Apply(store, dataset.Id, "i" + i, Edits[i]);
        }

        if (Added > 0)
        {
            store.AddItems(dataset.Id, Enumerable.Range(0, Added).Select(i => Item("n" + i, 1000 + i)));
        }

        var candidate = store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = "candidate", Repetitions = CandidateRepetitions, TaskVersion = "b" });
        Record(store, baseline, BaselineRuns);
        Record(store, candidate, CandidateRuns);
        return (dataset, baseline, candidate);
    }

    private static ItemDraft Item(string id, int n) => new(JsonValue.Create("q" + n)) { Id = id, ExpectedOutput = JsonValue.Create("a" + n), Metadata = new JsonObject { ["m"] = 0 } };

    private static void Apply(IDatasetStore store, string datasetId, string itemId, Edit edit)
    {
        switch (edit)
        {
            case Edit.Input: store.UpdateItem(datasetId, itemId, new ItemPatch { Input = JsonValue.Create("changed") }); break;
            case Edit.ExpectedOutput: store.UpdateItem(datasetId, itemId, new ItemPatch { ExpectedOutput = JsonValue.Create("changed") }); break;
            case Edit.Metadata: store.UpdateItem(datasetId, itemId, new ItemPatch { Metadata = new JsonObject { ["m"] = 1 } }); break;
            case Edit.ChangedBack:
                var before = store.GetItem(datasetId, itemId)!.Input.DeepClone();
                store.UpdateItem(datasetId, itemId, new ItemPatch { Input = JsonValue.Create("changed") });
                store.UpdateItem(datasetId, itemId, new ItemPatch { Input = before });
                break;
            case Edit.Deleted: store.DeleteItem(datasetId, itemId); break;
            default: break;
        }
    }

    private static void Record(IDatasetStore store, Experiment experiment, IReadOnlyList<Run> plans)
    {
        var live = store.ReadItems(experiment.DatasetId, experiment.DatasetVersion).Select(i => i.Id).ToList();
        var runs = live.SelectMany(id => Enumerable.Range(0, experiment.Repetitions).Select(r => (id, r))).ToList();
        store.RecordResults(experiment.Id, runs.Zip(plans).Where(p => !p.Second.Missing).Select(p => p.Second.Draft(p.First.id, p.First.r)));
    }

    /// <summary>A planned run: missing (not recorded), failed or not, and its scores.</summary>
    public sealed record Run(bool Missing, bool Failed, IReadOnlyList<Score> Scores)
    {
        public ResultDraft Draft(string itemId, int repetition) => new(itemId)
        {
            Repetition = repetition,
            Error = Failed ? new ResultError("boom", ResultErrorKind.Task) : null,
            Duration = TimeSpan.FromMilliseconds(10 + repetition),
            Scores = [.. Scores.Select(s => new ScoreDraft(s.Name) { Value = s.Value, Passed = s.Passed, Error = s.Error ? "scorer failed" : null })],
        };
    }

    /// <summary>A planned score.</summary>
    public sealed record Score(string Name, double? Value, bool? Passed, bool Error);
}
