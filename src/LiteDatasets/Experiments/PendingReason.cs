namespace LiteDatasets;

/// <summary>Why a run of an experiment is pending (see <see cref="IDatasetStore.GetPendingWork"/>).</summary>
public enum PendingReason
{
    /// <summary>The run has no result yet.</summary>
    Missing = 1,

    /// <summary>The run's result records an error; running it again replaces that result.</summary>
    Failed = 2,
}
