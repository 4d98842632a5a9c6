namespace LiteDatasets.History;

/// <summary>What a change of a version does to an item.</summary>
internal enum BundleChangeKind
{
    /// <summary>The item ends: it is not live from the version on.</summary>
    Delete,

    /// <summary>A live item gets new content.</summary>
    Update,

    /// <summary>A deleted item is live again (a restore), keeping its id, place and creation time.</summary>
    Revive,

    /// <summary>A new item, placed after every item added before it.</summary>
    Add,
}
