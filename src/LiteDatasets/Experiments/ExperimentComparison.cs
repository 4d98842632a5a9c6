namespace LiteDatasets;

/// <summary>
/// Two experiments of one dataset side by side (see <see cref="IDatasetStore.CompareExperiments"/>): their pins and
/// summaries, what differs in how they were run, the items aligned, and per score what moved.
/// </summary>
/// <param name="Baseline">The experiment compared against.</param>
/// <param name="Candidate">The experiment compared.</param>
/// <param name="Warnings">
/// What makes the two less comparable, for people to read: different repetitions, filters, task versions or
/// declared scorer versions. Empty when they were run alike.
/// </param>
/// <param name="Compared">Items both sides have results of, whose content is the same at both pins.</param>
/// <param name="ContentChanged">Items both sides have results of, whose content differs between the two pins.</param>
/// <param name="OnlyInBaseline">Items only the baseline has results of.</param>
/// <param name="OnlyInCandidate">Items only the candidate has results of.</param>
/// <param name="Scores">One comparison per score name either side gave a compared item, in ordinal order of the names.</param>
/// <param name="Items">
/// Every item either side has a result of, in the order of the pinned snapshots, each with its status. Enumerating
/// it reads both experiments' results again, a chunk at a time, so it holds one item at a time however many there
/// are; it may be enumerated more than once, and reflects the results as they are then.
/// </param>
public sealed record ExperimentComparison(
    ComparisonSide Baseline,
    ComparisonSide Candidate,
    IReadOnlyList<string> Warnings,
    long Compared,
    long ContentChanged,
    long OnlyInBaseline,
    long OnlyInCandidate,
    IReadOnlyList<ScoreComparison> Scores,
    IEnumerable<ItemComparison> Items)
{
    /// <summary>Gets whether any score's verdict is <see cref="ComparisonVerdict.Regressed"/>: what a gate in a build fails on.</summary>
    public bool HasRegression => Scores.Any(s => s.Verdict == ComparisonVerdict.Regressed);
}
