namespace LiteDatasets;

/// <summary>Selects the pending work of an experiment for <see cref="IDatasetStore.GetPendingWork"/>.</summary>
public sealed record PendingOptions
{
    /// <summary>Gets whether runs whose result records an error are pending too; <see langword="true"/> by default.</summary>
    public bool IncludeFailed { get; init; } = true;
}
