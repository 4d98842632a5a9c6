namespace LiteDatasets;

/// <summary>One page of an experiment's results.</summary>
/// <param name="Items">
/// The results on this page, in the order of the experiment's pinned snapshot (the order in which its items were
/// first added), the repetitions of an item in ascending order.
/// </param>
/// <param name="Total">The number of results the experiment has (its <see cref="Experiment.Recorded"/>).</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record ResultPage(IReadOnlyList<ExperimentResult> Items, long Total, string? NextCursor);
