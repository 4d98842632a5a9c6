namespace LiteDatasets;

/// <summary>
/// The staleness of an experiment's results at a target version (see <see cref="IDatasetStore.GetStaleness"/>): how
/// many runs are in each state, and every run that is not fresh.
/// </summary>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="PinnedVersion">The experiment's pinned version.</param>
/// <param name="TargetVersion">The version its results were judged at.</param>
/// <param name="Counts">The number of runs in each state; every state is present, with 0 when no run is in it.</param>
/// <param name="Runs">
/// The runs that are not fresh, in snapshot order (the order in which the items were first added), the repetitions of an
/// item in ascending order. Fresh runs are counted, not listed.
/// </param>
public sealed record StalenessReport(
    string ExperimentId,
    long PinnedVersion,
    long TargetVersion,
    IReadOnlyDictionary<StalenessState, long> Counts,
    IReadOnlyList<StaleRun> Runs);
