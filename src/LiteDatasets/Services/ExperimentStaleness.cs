using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The staleness of experiments' results at a later version. The items that differ between the pin and the target
/// come from the diff of the two versions (<see cref="DiffPlanner"/>), so the cost follows the items changed in
/// between. Only when the experiment's counters say some run has no result or a failed one, or when it declares
/// scorers (whose versions only the results tell), are its results read as well: its pinned snapshot merged with
/// them chunk by chunk, each chunk one short read, as pending work does.
/// </summary>
internal sealed class ExperimentStaleness(IStorageEngine engine)
{
    public StalenessReport GetStaleness(string experimentId, StalenessOptions? options)
    {
        Guard.Name(experimentId);
        options ??= new StalenessOptions();
        var given = options.Policy is null ? null : StalenessRules.From(options.Policy, nameof(options) + ".Policy");
        var tag = CheckTarget(options);
        var (experiment, reader, target, items) = engine.Read(rows =>
        {
            var found = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
            var dataset = rows.FindDatasetByKey(found.DatasetKey) ?? throw Errors.ExperimentNotFound(experimentId);
            var at = options switch
            {
                { Version: { } number } => number,
                { AsOf: { } asOf } => DatasetRules.VersionAt(rows, dataset, asOf),
                _ => tag is null ? dataset.Version : DatasetRules.ResolveTag(rows, dataset, tag),
            };
            DatasetRules.CheckVersion(dataset, at);
            var scope = found.Filter is null ? null : ExperimentScope.FromStored(found.Filter);
            var rules = given ?? StalenessRules.FromStored(found.Policy);
            return (found, SnapshotReader.Open(rows, dataset, found.DatasetVersion), at, StaleItem.FromDiff(rows, dataset, found, at, scope, rules));
        });

        var declared = ExperimentScorers.FromStored(experiment.Scorers);
        // Only the results know of scorer versions, of failures, and of carried results still waiting to be scored again.
        var runs = experiment.Recorded == experiment.ExpectedRuns && experiment.Failed == 0 && declared.Count == 0 && experiment.Carried == 0
            ? FromChanges(experiment, items)
            : FromResults(experiment, reader, items, declared);
        foreach (var item in items.Values.Where(i => !i.InPin))
        {
            for (var repetition = 0; repetition < experiment.Repetitions; repetition++)
            {
                runs.Add((item.Seq, new StaleRun(item.ItemId, repetition, StalenessState.Missing, [], [])));
            }
        }

        runs.Sort((a, b) => a.Seq != b.Seq ? a.Seq.CompareTo(b.Seq) : a.Run.Repetition.CompareTo(b.Run.Repetition));
        var counts = Enum.GetValues<StalenessState>().ToDictionary(s => s, s => runs.LongCount(r => r.Run.State == s));
        var experimentRuns = runs.LongCount(r => items.TryGetValue(r.Seq, out var item) ? item.InPin : true);
        counts[StalenessState.Fresh] = experiment.ExpectedRuns - experimentRuns;
        return new StalenessReport(experiment.Id, experiment.DatasetVersion, target, counts, runs.ConvertAll(r => r.Run));
    }

    /// <summary>Checks that at most one target is given; returns the tag, checked, if one is.</summary>
    private static string? CheckTarget(StalenessOptions options)
    {
        var given = (options.Version is null ? 0 : 1) + (options.Tag is null ? 0 : 1) + (options.AsOf is null ? 0 : 1);
        if (given > 1)
        {
            throw new ArgumentException("Give the target version by one of Version, Tag or AsOf, not several; give none for the current version.", nameof(options));
        }

        return options.Tag is null ? null : Guard.Name(options.Tag, nameof(options) + ".Tag");
    }

    /// <summary>Lists the stale runs when every run has a result and none failed: those of the changed items alone.</summary>
    private static List<(long Seq, StaleRun Run)> FromChanges(ExperimentRow experiment, Dictionary<long, StaleItem> items)
    {
        var runs = new List<(long, StaleRun)>();
        foreach (var item in items.Values.Where(i => i.InPin && i.State != StalenessState.Fresh))
        {
            for (var repetition = 0; repetition < experiment.Repetitions; repetition++)
            {
                runs.Add((item.Seq, new StaleRun(item.ItemId, repetition, item.State, item.Paths, [])));
            }
        }

        return runs;
    }

    /// <summary>Lists the stale runs from every run of the experiment and its result, chunk by chunk of its pinned snapshot.</summary>
    private List<(long Seq, StaleRun Run)> FromResults(
        ExperimentRow experiment, SnapshotReader reader, Dictionary<long, StaleItem> items, IReadOnlyDictionary<string, string> declared)
    {
        var runs = new List<(long, StaleRun)>();
        var scope = experiment.Filter is null ? null : ExperimentScope.FromStored(experiment.Filter);
        var chunk = Math.Max(1, SnapshotReader.Chunk / experiment.Repetitions);
        RevisionPosition? position = RevisionPosition.Start;
        while (position is { } current)
        {
            position = engine.Read(rows =>
            {
                var (found, next) = reader.ReadChunk(rows, current, chunk);
                var inScope = scope is null ? found : found.FindAll(scope.Matches);
                var results = inScope.Count == 0 ? []
                    : rows.Results(experiment.Id, new ResultKey(inScope[0].Seq, 0).Preceding, inScope.Count * experiment.Repetitions)
                        .Where(r => r.Seq <= inScope[^1].Seq).ToDictionary(r => r.Key);
                foreach (var row in inScope)
                {
                    var item = items.GetValueOrDefault(row.Seq);
                    for (var repetition = 0; repetition < experiment.Repetitions; repetition++)
                    {
                        var result = results.GetValueOrDefault(new ResultKey(row.Seq, repetition));
                        var scores = result is null || declared.Count == 0 ? [] : ScorersChanged(result, declared);
                        var awaiting = experiment.Carried > 0 && result is not null && ResultBody.Read(result.Body, result.RecordedAt).Rescore;
                        var state = StaleItem.Judge(item, result is not null, result?.Failed == true, scores.Count > 0, awaiting);
                        if (state != StalenessState.Fresh)
                        {
                            runs.Add((row.Seq, new StaleRun(row.ItemId, repetition, state, item?.Paths ?? [], state == StalenessState.RescoreScorer ? scores : [])));
                        }
                    }
                }

                if (rows.FindExperiment(experiment.Id) is not { } now || now.Sequence != experiment.Sequence || now.DatasetKey != experiment.DatasetKey)
                {
                    throw Errors.ExperimentNotFound(experiment.Id);
                }

                return next;
            });
        }

        return runs;
    }

    /// <summary>Names the scores of a result recorded by another version of their scorer than the declared one.</summary>
    private static List<string> ScorersChanged(ResultRow result, IReadOnlyDictionary<string, string> declared) =>
        [.. ResultBody.Read(result.Body, result.RecordedAt).Scores
            .Where(s => declared.TryGetValue(s.Name, out var version) && s.ScorerVersion != version)
            .Select(s => s.Name)];
}
