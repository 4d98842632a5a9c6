namespace LiteDatasets.Storage;

/// <summary>
/// Where a result stands in its experiment: the item's sequence number (its place in first-added order, so results
/// in key order follow the pinned snapshot) and the repetition. Each run of an experiment has one key.
/// </summary>
/// <param name="Seq">The item's <see cref="RevisionRow.Seq"/>.</param>
/// <param name="Repetition">The repetition, from 0.</param>
internal readonly record struct ResultKey(long Seq, int Repetition) : IComparable<ResultKey>
{
    /// <summary>The key before every result (sequence numbers start at 1).</summary>
    public static readonly ResultKey Start = new(0, 0);

    /// <summary>Gets the greatest key below this one that any run can have (results after it begin with this key).</summary>
    public ResultKey Preceding => Repetition > 0 ? this with { Repetition = Repetition - 1 } : new ResultKey(Seq - 1, ExperimentDefinition.MaxRepetitions);

    public int CompareTo(ResultKey other) => Seq != other.Seq ? Seq.CompareTo(other.Seq) : Repetition.CompareTo(other.Repetition);
}
