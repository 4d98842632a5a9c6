namespace LiteDatasets;

/// <summary>
/// Thrown with <see cref="ErrorCode.InvalidPayload"/> when a payload cannot be stored exactly. It names the
/// item (its index in the call's input, or its id) and the JSON Pointer of the offending location.
/// </summary>
public sealed class InvalidPayloadException : LiteDatasetsException
{
    internal InvalidPayloadException(string message, int? itemIndex, string? itemId, string pointer)
        : base(ErrorCode.InvalidPayload, message)
    {
        ItemIndex = itemIndex;
        ItemId = itemId;
        Path = pointer;
    }

    /// <summary>Gets the index of the failing draft in the call's input, when the call took several.</summary>
    public int? ItemIndex { get; }

    /// <summary>Gets the id of the failing item, when it has one.</summary>
    public string? ItemId { get; }

    /// <summary>Gets the JSON Pointer (RFC 6901) of the problem, such as <c>/input/a/0</c>.</summary>
    public string Path { get; }
}
