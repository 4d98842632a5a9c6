namespace LiteDatasets;

/// <summary>One page of a dataset's experiments.</summary>
/// <param name="Items">The experiments on this page, newest (highest sequence number) first.</param>
/// <param name="Total">The number of experiments the dataset has.</param>
/// <param name="NextCursor">The cursor for the next page, or <see langword="null"/> on the last page.</param>
public sealed record ExperimentPage(IReadOnlyList<Experiment> Items, long Total, string? NextCursor);
