namespace LiteDatasets;

/// <summary>One run of an experiment that is not <see cref="StalenessState.Fresh"/> at the target version.</summary>
/// <param name="ItemId">The item's id.</param>
/// <param name="Repetition">The repetition, counted from 0.</param>
/// <param name="State">What became of the run.</param>
/// <param name="ChangedPaths">The JSON Pointers at which the item changed between the two versions (sorted ordinally), empty when it did not change or is not live at both.</param>
/// <param name="Scores">For <see cref="StalenessState.RescoreScorer"/>, the names of the scores whose scorer version differs from the declared one; otherwise empty.</param>
public sealed record StaleRun(string ItemId, int Repetition, StalenessState State, IReadOnlyList<string> ChangedPaths, IReadOnlyList<string> Scores);
