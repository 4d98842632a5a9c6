namespace LiteDatasets;

// The staleness of experiments' results: it delegates to a service of its own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public StalenessReport GetStaleness(string experimentId, StalenessOptions? options = null) => Staleness.GetStaleness(experimentId, options);
}
