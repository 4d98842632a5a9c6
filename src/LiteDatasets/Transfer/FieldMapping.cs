using System.Text.Json.Nodes;
using LiteDatasets.Transfer;

namespace LiteDatasets;

/// <summary>
/// Says which fields of an import record hold an item's parts. The default (<see cref="Native"/>) reads the
/// native shape <c>{"id","externalId","input","expectedOutput","metadata"}</c> that export writes; naming
/// <see cref="Input"/> maps any other shape, such as GSM8K's <c>question</c> / <c>answer</c>.
/// </summary>
/// <remarks>
/// <para>Each field is a plain name (a top-level field, even one that holds <c>/</c>) or, when it starts with
/// <c>/</c>, a JSON Pointer (RFC 6901) into the record, such as <c>/instances/0/output</c>; in a pointer,
/// <c>~1</c> stands for <c>/</c> and <c>~0</c> for <c>~</c>. A pointer that leads nowhere in a record counts as a
/// missing field. In CSV and TSV the first token names the column, and a pointer may only look further inside a
/// JSON column (<see cref="ImportOptions.JsonColumns"/>).</para>
/// <para>The same mapping given to <see cref="ExportOptions.Mapping"/> writes items back in this shape.</para>
/// </remarks>
public sealed record FieldMapping
{
    /// <summary>Gets the mapping for the native shape (the default of <see cref="ImportOptions.Mapping"/>).</summary>
    public static FieldMapping Native { get; } = new();

    /// <summary>
    /// Gets the field or fields that make the input: one field gives its value; several give an object of
    /// them, in this order, each under its name (<see cref="NameOf"/>). Every named field must be present. <see langword="null"/> or empty (the default)
    /// reads the native shape, where the other members must be unset.
    /// </summary>
    public IReadOnlyList<string>? Input { get; init; }

    /// <summary>Gets the field holding the expected output (absent or null means none); <see langword="null"/> (the default) for none.</summary>
    public string? ExpectedOutput { get; init; }

    /// <summary>Gets the fields gathered into the item's metadata object, each under its name (<see cref="NameOf"/>; absent fields are left out); <see langword="null"/> (the default) for none.</summary>
    public IReadOnlyList<string>? Metadata { get; init; }

    /// <summary>
    /// Gets the field holding the item's key, stored as its <see cref="ItemDraft.ExternalId"/> (a string, or a
    /// number whose text is used); every record must have it, and no two records may share it.
    /// <see langword="null"/> (the default) for none.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>
    /// Gets metadata fields set to the same value on every imported item, such as <c>split</c> = <c>"test"</c>;
    /// <see langword="null"/> (the default) for none. A name may not also be the name of a mapped
    /// <see cref="Metadata"/> field. Export leaves them out: they are not fields of the file.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?>? ConstantMetadata { get; init; }

    /// <summary>
    /// Gets whether each record's number in the file is its key, for files that have none: the 1-based line of a
    /// JSONL record, or the 1-based position of a JSON array element or a CSV/TSV data row (the header is not
    /// counted). Importing the same file again then matches each record to the item it made. Not together with
    /// <see cref="Key"/>; <see langword="false"/> by default.
    /// </summary>
    public bool KeyFromLine { get; init; }

    /// <summary>Gets whether this mapping reads the native shape.</summary>
    public bool IsNative => Input is null || Input.Count == 0;

    /// <summary>
    /// Gets the name a mapped field takes in an item: the key of its value in the metadata object, or in the
    /// input object when several fields make the input. A plain name is itself; a JSON Pointer gives its last
    /// reference token, unescaped (<c>/meta/split</c> gives <c>split</c>).
    /// </summary>
    /// <param name="field">A field as the mapping names it.</param>
    /// <returns>The name.</returns>
    /// <exception cref="ArgumentException">A JSON Pointer with a <c>~</c> not followed by <c>0</c> or <c>1</c>.</exception>
    public static string NameOf(string field) => FieldPath.Parse(Guard.NotNull(field)).Name;
}
