namespace LiteDatasets;

/// <summary>How <see cref="IDatasetStore.UpsertItems"/> treats live items missing from its input.</summary>
public enum UpsertMode
{
    /// <summary>Add new items and update changed ones; leave the rest alone.</summary>
    Upsert = 0,

    /// <summary>Like <see cref="Upsert"/>, and delete every live item the input does not match: the dataset equals the input.</summary>
    Sync = 1,
}
