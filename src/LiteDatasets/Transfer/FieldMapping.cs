namespace LiteDatasets;

/// <summary>
/// Says which fields of an import record hold an item's parts. The default (<see cref="Native"/>) reads the
/// native shape <c>{"id","externalId","input","expectedOutput","metadata"}</c> that export writes; naming
/// <see cref="Input"/> maps any other shape, such as GSM8K's <c>question</c> / <c>answer</c>.
/// </summary>
public sealed record FieldMapping
{
    /// <summary>Gets the mapping for the native shape (the default of <see cref="ImportOptions.Mapping"/>).</summary>
    public static FieldMapping Native { get; } = new();

    /// <summary>
    /// Gets the field or fields that make the input: one field gives its value; several give an object of
    /// them, in this order. Every named field must be present. <see langword="null"/> or empty (the default)
    /// reads the native shape, where the other members must be unset.
    /// </summary>
    public IReadOnlyList<string>? Input { get; init; }

    /// <summary>Gets the field holding the expected output (absent or null means none); <see langword="null"/> (the default) for none.</summary>
    public string? ExpectedOutput { get; init; }

    /// <summary>Gets the fields gathered into the item's metadata object (absent fields are left out); <see langword="null"/> (the default) for none.</summary>
    public IReadOnlyList<string>? Metadata { get; init; }

    /// <summary>
    /// Gets the field holding the item's key, stored as its <see cref="ItemDraft.ExternalId"/> (a string, or a
    /// number whose text is used); every record must have it, and no two records may share it.
    /// <see langword="null"/> (the default) for none.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>Gets whether this mapping reads the native shape.</summary>
    public bool IsNative => Input is null || Input.Count == 0;
}
