namespace LiteDatasets;

// The comparison of experiments: it delegates to a service of its own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public ExperimentComparison CompareExperiments(string baselineId, string candidateId, CompareOptions? options = null) =>
        Comparer.Compare(baselineId, candidateId, options);
}
