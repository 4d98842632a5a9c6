namespace LiteDatasets;

/// <summary>Why a run of an experiment is pending (see <see cref="IDatasetStore.GetPendingWork"/>).</summary>
public enum PendingReason
{
    /// <summary>The run has no result yet.</summary>
    Missing = 1,

    /// <summary>The run's result records an error; running it again replaces that result.</summary>
    Failed = 2,

    /// <summary>
    /// The run has no result, and the one recorded in the experiment its results were carried from no longer holds:
    /// its item changed under a rerun path. <see cref="PendingWork.Previous"/> is that earlier result.
    /// </summary>
    Rerun = 3,

    /// <summary>
    /// The run's result was carried forward without some of its scores (its item changed only under rescore paths, or
    /// its scores came from other scorer versions): score the stored output again (<see cref="IDatasetStore.RecordScores"/>).
    /// <see cref="PendingWork.Previous"/> is the carried result, with its output.
    /// </summary>
    Rescore = 4,
}
