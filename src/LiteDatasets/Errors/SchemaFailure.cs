namespace LiteDatasets;

/// <summary>One place where an item's content does not satisfy the dataset's JSON Schema.</summary>
/// <param name="ItemIndex">The index of the failing draft in the call's input, when the call took drafts.</param>
/// <param name="ItemId">The id of the failing item, when it has one.</param>
/// <param name="Path">The JSON Pointer of the failing location in the item, such as <c>/input/q</c> or <c>/expectedOutput</c>.</param>
/// <param name="Message">What the schema requires there.</param>
public sealed record SchemaFailure(int? ItemIndex, string? ItemId, string Path, string Message)
{
    /// <summary>Gets the line of the failing record in the source of a file import (<see cref="DatasetTransfer"/>), or <see langword="null"/>.</summary>
    public long? LineNumber { get; init; }
}
