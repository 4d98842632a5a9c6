namespace LiteDatasets;

// The experiment operations, apart from the dataset ones: they delegate to a catalogue of their own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public Experiment CreateExperiment(string datasetId, ExperimentDefinition definition) => Experiments.CreateExperiment(datasetId, definition);

    /// <inheritdoc/>
    public Experiment? GetExperiment(string id) => Experiments.GetExperiment(id);

    /// <inheritdoc/>
    public Experiment? FindExperiment(string datasetId, string nameOrSequence) => Experiments.FindExperiment(datasetId, nameOrSequence);

    /// <inheritdoc/>
    public ExperimentPage ListExperiments(string datasetId, ExperimentQuery? query = null) => Experiments.ListExperiments(datasetId, query);

    /// <inheritdoc/>
    public Experiment UpdateExperiment(string id, ExperimentUpdate update) => Experiments.UpdateExperiment(id, update);

    /// <inheritdoc/>
    public Experiment CompleteExperiment(string id, ExperimentStatus status) => Experiments.CompleteExperiment(id, status);

    /// <inheritdoc/>
    public void DeleteExperiment(string id) => Experiments.DeleteExperiment(id);
}
