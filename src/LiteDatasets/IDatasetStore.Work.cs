namespace LiteDatasets;

// Pending work: the runs of an experiment that a harness still has to do.
public partial interface IDatasetStore
{
    /// <summary>
    /// Streams the runs of an experiment still to do, in the order of its pinned snapshot (the order in which the items
    /// were first added), the repetitions of an item in ascending order: runs with no result, and — unless
    /// <see cref="PendingOptions.IncludeFailed"/> is off — runs whose result records an error. For an experiment that
    /// carried results forward (<see cref="ExperimentDefinition.CarryFrom"/>), a run without a result that the earlier
    /// experiment has one of is <see cref="PendingReason.Rerun"/> (or <see cref="PendingReason.Failed"/> when that one
    /// failed on content that still holds), and a carried result without some of its scores is
    /// <see cref="PendingReason.Rescore"/> until scores are recorded for it. Each chunk is one short
    /// read, so the caller may record results, or await, between the items; results recorded meanwhile may or may not
    /// still be listed, depending on whether their chunk was read before. The experiment and its dataset are looked up when
    /// the enumeration starts; if either is deleted meanwhile, the enumeration fails rather than end early.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="options">Which runs count as pending; <see langword="null"/> for missing and failed ones.</param>
    /// <returns>The pending runs, lazily.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>, when enumerated.</exception>
    IEnumerable<PendingWork> GetPendingWork(string experimentId, PendingOptions? options = null);
}
