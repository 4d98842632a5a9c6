using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// What pending work needs to know of a chunk of an experiment that carried results forward: which of its results
/// wait to be scored again, and the earlier experiment's results of the runs it did not carry — a run the earlier one
/// has a result of was left behind because its item changed under a rerun path (or because that result failed), and
/// one it has none of is simply missing.
/// </summary>
internal sealed class CarriedRuns
{
    private readonly Dictionary<ResultKey, ResultRow> _rescore;
    private readonly Dictionary<ResultKey, RecordedRun> _earlier;
    private readonly ExperimentRow? _source;
    private readonly StalenessRules _rules;

    private CarriedRuns(Dictionary<ResultKey, ResultRow> rescore, Dictionary<ResultKey, RecordedRun> earlier, ExperimentRow? source, StalenessRules rules)
    {
        _rescore = rescore;
        _earlier = earlier;
        _source = source;
        _rules = rules;
    }

    /// <summary>Reads what a chunk of items (in first-added order, not empty) needs; null when the experiment carried nothing.</summary>
    public static CarriedRuns? Read(IStoreReader rows, ExperimentRow experiment, List<RevisionRow> items)
    {
        if (experiment.CarriedFrom is null)
        {
            return null;
        }

        var (first, last) = (items[0].Seq, items[^1].Seq);
        var rescore = experiment.Carried == 0 ? []
            : rows.Results(experiment.Id, new ResultKey(first, 0).Preceding, items.Count * experiment.Repetitions)
                .Where(r => r.Seq <= last && !r.Failed && ResultBody.Read(r.Body, r.RecordedAt).Rescore).ToDictionary(r => r.Key);

        // The earlier experiment may have been deleted since: its runs then read as never run.
        var source = rows.FindExperiment(experiment.CarriedFrom);
        var earlier = source is null || source.DatasetKey != experiment.DatasetKey ? []
            : rows.RecordedRunsBetween(source.Id, first, last).ToDictionary(r => r.Key);
        return new CarriedRuns(rescore, earlier, source, StalenessRules.FromStored(experiment.Policy));
    }

    /// <summary>Gets the carried result of a run that waits to be scored again, or null.</summary>
    public ResultRow? ToRescore(ResultKey key) => _rescore.GetValueOrDefault(key);

    /// <summary>
    /// Says why a run without a result is pending: <see cref="PendingReason.Rerun"/> or <see cref="PendingReason.Failed"/>
    /// (with the earlier result) when the earlier experiment has one, otherwise <see cref="PendingReason.Missing"/>.
    /// A failed earlier result of an item changed under a rerun path is a rerun, as staleness judges it.
    /// </summary>
    public (PendingReason Reason, ExperimentResult? Previous) WhyMissing(IStoreReader rows, RevisionRow item, ResultKey key)
    {
        if (_source is null || !_earlier.TryGetValue(key, out var run) || run.Attempt == 0)
        {
            return (PendingReason.Missing, null);
        }

        var previous = rows.Results(_source.Id, key.Preceding, 1)[0];
        if (!run.Failed)
        {
            return (PendingReason.Rerun, previous.ToResult());
        }

        var before = previous.ItemHash.AsSpan().SequenceEqual(item.Hash) ? null : DiffPlanner.LiveAt(rows, item.DatasetKey, item.ItemId, _source.DatasetVersion);
        var rerun = before is not null && _rules.Judge(before, item).State == StalenessState.Rerun;
        return (rerun ? PendingReason.Rerun : PendingReason.Failed, previous.ToResult());
    }
}
