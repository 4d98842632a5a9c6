using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// An item whose state differs between an experiment's pin and a target version, judged once for all its runs.
/// </summary>
/// <param name="Seq">The item's place in first-added order.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="InPin">Whether the item is one of the experiment's (live and in scope at the pin), so that it has runs.</param>
/// <param name="State">
/// <see cref="StalenessState.Orphaned"/> (not live or not in scope at the target), <see cref="StalenessState.Missing"/>
/// (live and in scope at the target only), or what its change means: <see cref="StalenessState.Rerun"/>,
/// <see cref="StalenessState.Rescore"/> or <see cref="StalenessState.Fresh"/>.
/// </param>
/// <param name="Paths">The changed paths when it is live at both versions, otherwise empty.</param>
/// <param name="Target">Its revision live at the target, or null.</param>
internal sealed record StaleItem(long Seq, string ItemId, bool InPin, StalenessState State, IReadOnlyList<string> Paths, RevisionRow? Target)
{
    /// <summary>Judges every item the diff between the pin and the target lists; items in neither scope are left out.</summary>
    public static Dictionary<long, StaleItem> FromDiff(
        IStoreReader rows, DatasetRow dataset, ExperimentRow experiment, long target, ExperimentScope? scope, StalenessRules rules)
    {
        var items = new Dictionary<long, StaleItem>();
        foreach (var (before, after) in DiffPlanner.ChangedItems(rows, dataset, experiment.DatasetVersion, target))
        {
            var inPin = before is not null && (scope is null || scope.Matches(before));
            var inTarget = after is not null && (scope is null || scope.Matches(after));
            var row = (before ?? after)!;
            if (!inPin && !inTarget)
            {
                continue;
            }

            var judged = !inTarget ? (StalenessState.Orphaned, (List<string>?)null)
                : !inPin ? (StalenessState.Missing, null)
                : rules.Judge(before!, after!);
            var paths = judged.Item2 ?? (before is not null && after is not null ? StalenessRules.ChangedPaths(before, after) : []);
            items[row.Seq] = new StaleItem(row.Seq, row.ItemId, inPin, judged.Item1, paths, after);
        }

        return items;
    }

    /// <summary>
    /// Judges one run of an item of the experiment from its item's change (null when unchanged) and its result:
    /// orphaned, then missing (no result), rerun, failed, rescore (the item's change, or a carried result still
    /// waiting to be scored again), rescore by scorer version, fresh.
    /// </summary>
    public static StalenessState Judge(StaleItem? item, bool recorded, bool failed, bool scorerChanged, bool awaitingRescore = false) =>
        item?.State == StalenessState.Orphaned ? StalenessState.Orphaned
        : !recorded ? StalenessState.Missing
        : item?.State == StalenessState.Rerun ? StalenessState.Rerun
        : failed ? StalenessState.Failed
        : item?.State == StalenessState.Rescore || awaitingRescore ? StalenessState.Rescore
        : scorerChanged ? StalenessState.RescoreScorer
        : StalenessState.Fresh;
}
