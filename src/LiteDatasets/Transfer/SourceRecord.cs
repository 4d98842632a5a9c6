using System.Text.Json.Nodes;

namespace LiteDatasets.Transfer;

/// <summary>One record read from an import source: its fields, or why it could not be read.</summary>
/// <param name="Line">The 1-based line where the record starts.</param>
/// <param name="Fields">The record's fields, or <see langword="null"/> when it is malformed.</param>
/// <param name="Problem">Why the record is malformed (a sentence), or <see langword="null"/>.</param>
internal readonly record struct SourceRecord(long Line, JsonObject? Fields, string? Problem)
{
    public static SourceRecord Bad(long line, string problem) => new(line, null, problem);
}
