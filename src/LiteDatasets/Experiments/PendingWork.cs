namespace LiteDatasets;

/// <summary>A run of an experiment still to do: an item of its pinned version and a repetition.</summary>
/// <param name="Item">The item as it is at the experiment's pinned version (the caller's own copy).</param>
/// <param name="Repetition">The repetition, counted from 0.</param>
/// <param name="Reason">Why the run is pending.</param>
/// <param name="Previous">
/// The result recorded for the run before (for <see cref="PendingReason.Failed"/> and <see cref="PendingReason.Rescore"/>,
/// and the earlier experiment's for <see cref="PendingReason.Rerun"/>), or <see langword="null"/>.
/// </param>
public sealed record PendingWork(DatasetItem Item, int Repetition, PendingReason Reason, ExperimentResult? Previous);
