namespace LiteDatasets;

/// <summary>
/// What became of one run of an experiment at a later version of its dataset (see <see cref="IDatasetStore.GetStaleness"/>),
/// and so what a harness has to do about it.
/// </summary>
public enum StalenessState
{
    /// <summary>The stored result is still valid: no change of the item touches a path of the policy. Nothing to do.</summary>
    Fresh = 1,

    /// <summary>A changed path is under one of the policy's rerun paths: run the task and the scorers again.</summary>
    Rerun = 2,

    /// <summary>Changed paths are only under the policy's rescore paths: keep the stored output, run the scorers again.</summary>
    Rescore = 3,

    /// <summary>The item is unchanged, but a score's scorer version differs from the one the experiment declares: run those scorers again.</summary>
    RescoreScorer = 4,

    /// <summary>The item is live and in scope at the target version, and the run has no result (never run, or added after the pin): run it.</summary>
    Missing = 5,

    /// <summary>The run's result records an error: run it again if errors are to be retried.</summary>
    Failed = 6,

    /// <summary>The item is no longer live, or no longer in the experiment's filter, at the target version: its result is left out there.</summary>
    Orphaned = 7,
}
