namespace LiteDatasets;

// The pending work of experiments: it delegates to a service of its own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public IEnumerable<PendingWork> GetPendingWork(string experimentId, PendingOptions? options = null) => Work.GetPendingWork(experimentId, options);
}
