using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>What the store stamps on a result of an item: the item's place, and its revision's version and hash at the experiment's pinned version.</summary>
/// <param name="Seq">The item's sequence number (the result's place in snapshot order).</param>
/// <param name="ValidFrom">The version that revision was committed at.</param>
/// <param name="Hash">The revision's hash (32 bytes; shared, never modified).</param>
internal sealed record ResultStamp(long Seq, long ValidFrom, byte[] Hash)
{
    /// <summary>Takes the stamp of a revision.</summary>
    public static ResultStamp Of(RevisionRow revision) => new(revision.Seq, revision.ValidFrom, revision.Hash);
}
