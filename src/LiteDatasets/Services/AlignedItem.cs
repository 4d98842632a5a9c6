namespace LiteDatasets.Services;

/// <summary>
/// One item's results in two experiments of one dataset, lined up by the item's sequence number; either side may be
/// empty (not both). Each run keeps only what a comparison reads: whether it failed, the item's hash at the
/// experiment's pin, and the scores.
/// </summary>
internal sealed record AlignedItem(long Seq, string ItemId, IReadOnlyList<AlignedItem.Run> Baseline, IReadOnlyList<AlignedItem.Run> Candidate)
{
    /// <summary>Gets whether both sides have results but the item's content differs between their pins.</summary>
    public bool ContentChanged => Baseline.Count > 0 && Candidate.Count > 0 && !Baseline[0].ItemHash.AsSpan().SequenceEqual(Candidate[0].ItemHash);

    /// <summary>One result, as far as a comparison reads it.</summary>
    /// <param name="Failed">Whether it ends with an error.</param>
    /// <param name="ItemHash">The item's hash at the experiment's pin (the same for every repetition).</param>
    /// <param name="Scores">Its scores.</param>
    public sealed record Run(bool Failed, byte[] ItemHash, IReadOnlyList<ResultScore> Scores);
}
