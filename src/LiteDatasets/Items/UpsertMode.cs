namespace LiteDatasets;

/// <summary>
/// How <see cref="IDatasetStore.UpsertItems"/> treats live items missing from its input. A member means what the
/// <see cref="ImportMode"/> member of the same name means, and has the same value.
/// </summary>
public enum UpsertMode
{
    /// <summary>Add new items and update changed ones; leave the rest alone.</summary>
    Upsert = 1,

    /// <summary>Like <see cref="Upsert"/>, and delete every live item the input does not match: the dataset equals the input.</summary>
    Sync = 2,
}
