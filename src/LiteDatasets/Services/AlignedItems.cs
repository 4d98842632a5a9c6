using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Merges two experiments' result streams into items, in one pass: both streams are in key order, and an item's
/// sequence number is the same in every version of its dataset, so equal sequence numbers are the same item and the
/// lower one comes first. It holds one item's repetitions of each side at a time. Each result read may also be
/// added to a summary of its side, so that one pass gives both the comparison and the summaries.
/// </summary>
internal static class AlignedItems
{
    public static IEnumerable<AlignedItem> Merge(IEnumerable<ResultRow> baseline, IEnumerable<ResultRow> candidate, SummaryTally? baselineTally = null, SummaryTally? candidateTally = null)
    {
        using var left = baseline.GetEnumerator();
        using var right = candidate.GetEnumerator();
        var (hasLeft, hasRight) = (left.MoveNext(), right.MoveNext());
        while (hasLeft || hasRight)
        {
            var seq = !hasRight || (hasLeft && left.Current.Seq <= right.Current.Seq) ? left.Current.Seq : right.Current.Seq;
            var itemId = hasLeft && left.Current.Seq == seq ? left.Current.ItemId : right.Current.ItemId;
            var (baselineRuns, leftMore) = hasLeft ? Take(left, seq, baselineTally) : ([], false);
            var (candidateRuns, rightMore) = hasRight ? Take(right, seq, candidateTally) : ([], false);
            hasLeft = hasLeft && leftMore;
            hasRight = hasRight && rightMore;
            yield return new AlignedItem(seq, itemId, baselineRuns, candidateRuns);
        }
    }

    /// <summary>Takes the runs of item <paramref name="seq"/> that the enumerator stands on; returns whether it has more after them.</summary>
    private static (List<AlignedItem.Run> Runs, bool More) Take(IEnumerator<ResultRow> rows, long seq, SummaryTally? tally)
    {
        var runs = new List<AlignedItem.Run>();
        while (rows.Current.Seq == seq)
        {
            var row = rows.Current;
            var body = ResultBody.Read(row.Body, row.RecordedAt);
            tally?.Add(body);
            runs.Add(new AlignedItem.Run(row.Failed, row.ItemHash, body.Scores));
            if (!rows.MoveNext())
            {
                return (runs, false);
            }
        }

        return (runs, true);
    }
}
