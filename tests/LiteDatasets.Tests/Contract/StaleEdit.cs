namespace LiteDatasets.Tests.Contract;

/// <summary>One edit of a staleness case: what to do (<see cref="Op"/>), to which item (an index into the ids made so far), with which value.</summary>
/// <param name="Op">0 add, 1 input field, 2 expected output, 3 metadata difficulty, 4 metadata note, 5 delete, 6 restore a version, 7 change and change back, 8 metadata split.</param>
/// <param name="Item">The item, as an index (modulo the items made so far).</param>
/// <param name="Value">The value written, 0–3.</param>
public sealed record StaleEdit(int Op, int Item, int Value)
{
    private static readonly string[] Names = ["add", "input", "expected", "difficulty", "note", "delete", "restore", "there-and-back", "split"];

    public override string ToString() => $"{Names[Op]}(item {Item}, {Value})";
}
