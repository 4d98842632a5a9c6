namespace LiteDatasets;

// Staleness: which of an experiment's results a later version of its dataset leaves valid.
public partial interface IDatasetStore
{
    /// <summary>
    /// Judges an experiment's runs at a target version of its dataset (by default the current one): each run of an
    /// item in scope at the pin or at the target is <see cref="StalenessState.Fresh"/>, or stale in one of the other
    /// <see cref="StalenessState"/>s, by the paths at which its item changed in between and the policy's rerun and
    /// rescore paths. The changed items come from the diff of the two versions, so the cost follows their number, not
    /// the dataset's size; the experiment's results are read as well only when some run has no result or a failed one,
    /// or when it declares scorers (whose versions only the results tell). An item is in scope at a version when it is
    /// live there and the experiment's filter matches it.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="options">The target version and the policy; <see langword="null"/> for the current version and the experiment's own <see cref="Experiment.Policy"/>.</param>
    /// <returns>The count of runs in each state and the runs that are not fresh, in snapshot order.</returns>
    /// <exception cref="ArgumentException">More than one target, a malformed tag, or a policy path that is not a pointer into an item.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.VersionNotFound"/> or <see cref="ErrorCode.TagNotFound"/>.
    /// </exception>
    StalenessReport GetStaleness(string experimentId, StalenessOptions? options = null);
}
