using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>A score of a recorded result, as stored (see <see cref="ScoreDraft"/>).</summary>
/// <param name="Name">The score's name (case-sensitive).</param>
/// <param name="Value">The value, or <see langword="null"/>.</param>
/// <param name="Passed">The verdict, or <see langword="null"/>.</param>
/// <param name="Label">The label, or <see langword="null"/>.</param>
/// <param name="Reason">The scorer's reasoning, or <see langword="null"/>.</param>
/// <param name="Error">The scorer's error, or <see langword="null"/>.</param>
/// <param name="ScorerVersion">The scorer's version, or <see langword="null"/>.</param>
/// <param name="Usage">The tokens and cost the scorer used, or <see langword="null"/>.</param>
/// <param name="Metadata">The metadata (the caller's own copy), or <see langword="null"/>.</param>
/// <param name="RecordedAt">
/// When the score was last written (UTC, millisecond precision): by the <see cref="IDatasetStore.RecordResult"/> that
/// recorded its run, or by a later <see cref="IDatasetStore.RecordScores"/>.
/// </param>
public sealed record ResultScore(
    string Name,
    double? Value,
    bool? Passed,
    string? Label,
    string? Reason,
    string? Error,
    string? ScorerVersion,
    ResultUsage? Usage,
    JsonObject? Metadata,
    DateTimeOffset RecordedAt);
