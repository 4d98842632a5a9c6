namespace LiteDatasets.Tests.Contract;

/// <summary>
/// A staleness case: items to start with, edits before the experiment's pin and after it, the experiment's shape
/// (repetitions, a metadata filter, declared scorers), how its runs are recorded, and the policy to judge by.
/// </summary>
/// <param name="Items">The items added first, 1–6.</param>
/// <param name="Before">Edits before the pin.</param>
/// <param name="After">Edits after the pin.</param>
/// <param name="Repetitions">Repetitions, 1–2.</param>
/// <param name="Filtered">Whether the experiment covers only the items whose metadata split is "a".</param>
/// <param name="Recording">0: every run recorded and passed (no scorers declared); 1: some runs missing, failed or scored by another scorer version.</param>
/// <param name="Policy">0: the default policy; 1: /metadata/difficulty as a rerun path too; 2: as a rescore path.</param>
/// <param name="Seed">The seed of the recording's choices.</param>
public sealed record StaleCase(int Items, IReadOnlyList<StaleEdit> Before, IReadOnlyList<StaleEdit> After, int Repetitions, bool Filtered, int Recording, int Policy, int Seed)
{
    public override string ToString() =>
        $"items {Items}, repetitions {Repetitions}, filtered {Filtered}, recording {Recording}, policy {Policy}, seed {Seed}; before: [{string.Join(", ", Before)}]; after: [{string.Join(", ", After)}]";
}
