namespace LiteDatasets;

/// <summary>Where an experiment is in its life: running until it is completed or cancelled, once.</summary>
public enum ExperimentStatus
{
    /// <summary>Created and not closed yet.</summary>
    Running = 1,

    /// <summary>Closed by <see cref="IDatasetStore.CompleteExperiment"/> as finished.</summary>
    Completed = 2,

    /// <summary>Closed by <see cref="IDatasetStore.CompleteExperiment"/> as abandoned.</summary>
    Cancelled = 3,
}
