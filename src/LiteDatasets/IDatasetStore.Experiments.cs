namespace LiteDatasets;

// Experiments: evaluation runs of a dataset, each pinned to one version of it. An experiment's pin is resolved
// once, when it is created, and never changes: later edits of the dataset do not move it.
public partial interface IDatasetStore
{
    /// <summary>
    /// Creates an experiment of a dataset, running. Its pin (a number, a tag, a moment, or the current version) is
    /// resolved to a version number, recorded with that version's fingerprint, and its expected runs are counted:
    /// the items live at that version that the filter matches, times the repetitions. Creating an experiment again
    /// with the id and definition of a stored one returns the stored one and writes nothing.
    /// </summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="definition">The pin, filter, repetitions, system and scorers, and the optional id, name, description and metadata.</param>
    /// <returns>The experiment.</returns>
    /// <exception cref="ArgumentException">More than one pin, malformed names or labels, an empty id list, or repetitions out of range.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.DatasetNotFound"/>, <see cref="ErrorCode.VersionNotFound"/>, <see cref="ErrorCode.TagNotFound"/>,
    /// <see cref="ErrorCode.ExperimentNameTaken"/>, <see cref="ErrorCode.ExperimentIdTaken"/> or <see cref="ErrorCode.InvalidPayload"/> (the metadata).
    /// </exception>
    Experiment CreateExperiment(string datasetId, ExperimentDefinition definition);

    /// <summary>Gets an experiment as it is now.</summary>
    /// <param name="id">The experiment's id.</param>
    /// <returns>The experiment, or <see langword="null"/> if no experiment has that id.</returns>
    Experiment? GetExperiment(string id);

    /// <summary>Finds an experiment of a dataset by name (ignoring case) or by sequence number written <c>#7</c>.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="nameOrSequence">The name, or <c>#</c> and the sequence number.</param>
    /// <returns>The experiment, or <see langword="null"/> if the dataset has none by that name or number.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    Experiment? FindExperiment(string datasetId, string nameOrSequence);

    /// <summary>Lists a dataset's experiments, newest first, a page at a time.</summary>
    /// <param name="datasetId">The dataset's id.</param>
    /// <param name="query">Page size and cursor; <see langword="null"/> for the newest 50.</param>
    /// <returns>One page of experiments.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.DatasetNotFound"/>.</exception>
    ExperimentPage ListExperiments(string datasetId, ExperimentQuery? query = null);

    /// <summary>Changes an experiment's name, description or metadata (also once it is closed).</summary>
    /// <param name="id">The experiment's id.</param>
    /// <param name="update">The changes; null properties keep their value.</param>
    /// <returns>The experiment after the change.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentNameTaken"/> or <see cref="ErrorCode.InvalidPayload"/> (the metadata).</exception>
    Experiment UpdateExperiment(string id, ExperimentUpdate update);

    /// <summary>Closes a running experiment as completed or cancelled; an experiment is closed once.</summary>
    /// <param name="id">The experiment's id.</param>
    /// <param name="status"><see cref="ExperimentStatus.Completed"/> or <see cref="ExperimentStatus.Cancelled"/>.</param>
    /// <returns>The experiment after the change.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is <see cref="ExperimentStatus.Running"/> or no member.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/> or <see cref="ErrorCode.ExperimentClosed"/>.</exception>
    Experiment CompleteExperiment(string id, ExperimentStatus status);

    /// <summary>Deletes an experiment, running or closed. Its sequence number is not given again; its name may be.</summary>
    /// <param name="id">The experiment's id.</param>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>.</exception>
    void DeleteExperiment(string id);
}
