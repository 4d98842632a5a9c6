namespace LiteDatasets;

/// <summary>What an import or a copy of a dataset's history wrote into the target store (or, in a dry run, would write).</summary>
/// <param name="DatasetId">The dataset's id in the target.</param>
/// <param name="Name">The dataset's name in the target.</param>
/// <param name="Created">Whether the target did not hold the dataset before.</param>
/// <param name="FromVersion">The target's version before: the versions it held already, alike (0 when it lacked the dataset).</param>
/// <param name="ToVersion">The dataset's version in the target after the transfer.</param>
/// <param name="VersionsWritten">How many versions were appended (<see cref="ToVersion"/> − <see cref="FromVersion"/>).</param>
/// <param name="TagsWritten">How many tags the target did not have before.</param>
/// <param name="DryRun">Whether nothing was written because this was a dry run.</param>
public sealed record HistoryTransfer(
    string DatasetId,
    string Name,
    bool Created,
    long FromVersion,
    long ToVersion,
    long VersionsWritten,
    int TagsWritten,
    bool DryRun)
{
    /// <summary>Gets whether the target held the whole history already: nothing was, or would be, written.</summary>
    public bool UpToDate => !Created && VersionsWritten == 0 && TagsWritten == 0;
}
