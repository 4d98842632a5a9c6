namespace LiteDatasets;

/// <summary>How <see cref="IDatasetStore.ImportItems(string, IEnumerable{ItemDraft}, ImportMode, WriteOptions?)"/> matches incoming drafts to live items.</summary>
public enum ImportMode
{
    /// <summary>Add every draft as a new item (like <see cref="IDatasetStore.AddItems"/>).</summary>
    Append = 0,

    /// <summary>Add new items and update changed ones, matched by external id (or id); leave the rest alone.</summary>
    Upsert = 1,

    /// <summary>Like <see cref="Upsert"/>, and delete every live item the input does not match: the dataset equals the input.</summary>
    Sync = 2,
}
