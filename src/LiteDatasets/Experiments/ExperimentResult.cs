using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// The result of one run of an experiment, as stored: what was recorded last for the item and repetition, with the
/// store's stamps (the item's version and hash at the pinned version, the number of writes, the time of the last).
/// </summary>
/// <param name="ExperimentId">The experiment's id.</param>
/// <param name="ItemId">The item's id.</param>
/// <param name="Repetition">The repetition, counted from 0.</param>
/// <param name="ItemVersion">
/// The version at which the item's content at the experiment's pinned version was committed (the
/// <see cref="DatasetItem.Version"/> the item had then); later edits of the item do not change it.
/// </param>
/// <param name="ItemHash">The item's hash at the pinned version: its term of the dataset's fingerprint (64 lowercase hex digits).</param>
/// <param name="Attempt">How many times the run was recorded (1 for the first write; the last write is the one kept).</param>
/// <param name="Output">The output (the caller's own copy), exactly as recorded, or <see langword="null"/>.</param>
/// <param name="Error">The error the run ended with, or <see langword="null"/> when it succeeded.</param>
/// <param name="StartedAt">When the run started (UTC), or <see langword="null"/>.</param>
/// <param name="Duration">How long it took, or <see langword="null"/>.</param>
/// <param name="Usage">The tokens and cost, or <see langword="null"/>.</param>
/// <param name="Model">The model that answered, or <see langword="null"/>.</param>
/// <param name="CacheHit">Whether the answer came from a cache, or <see langword="null"/>.</param>
/// <param name="Scores">The scores, in the order recorded (scores added later go last; a replaced one keeps its place).</param>
/// <param name="Metadata">The metadata (the caller's own copy), or <see langword="null"/>.</param>
/// <param name="TraceId">The trace id, or <see langword="null"/>.</param>
/// <param name="RecordedAt">
/// When the run was last recorded (UTC, millisecond precision); scores added later by
/// <see cref="IDatasetStore.RecordScores"/> do not change it, each has its own <see cref="ResultScore.RecordedAt"/>.
/// </param>
public sealed record ExperimentResult(
    string ExperimentId,
    string ItemId,
    int Repetition,
    long ItemVersion,
    string ItemHash,
    int Attempt,
    JsonNode? Output,
    ResultError? Error,
    DateTimeOffset? StartedAt,
    TimeSpan? Duration,
    ResultUsage? Usage,
    string? Model,
    bool? CacheHit,
    IReadOnlyList<ResultScore> Scores,
    JsonObject? Metadata,
    string? TraceId,
    DateTimeOffset RecordedAt)
{
    /// <summary>
    /// Gets the id of the experiment the result was copied from when this one was created (see
    /// <see cref="ExperimentDefinition.CarryFrom"/>), or <see langword="null"/> for a result recorded in this experiment.
    /// A carried result keeps the times and usage of its run; recording the run again replaces it.
    /// </summary>
    public string? CarriedFrom { get; init; }
}
