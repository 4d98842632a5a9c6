namespace LiteDatasets.Tests.Json;

/// <summary>
/// An item's payloads as JSON texts: an input (never the literal null), an expected output (null when
/// absent; the literal <c>null</c> means absent too) and metadata (an object, or null when absent).
/// </summary>
public sealed record JsonCase(string Input, string? ExpectedOutput, string? Metadata)
{
    public override string ToString() =>
        $"input: {Input}{Environment.NewLine}expectedOutput: {ExpectedOutput ?? "<absent>"}{Environment.NewLine}metadata: {Metadata ?? "<absent>"}";
}
