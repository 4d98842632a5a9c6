using System.Text.Json.Nodes;

namespace LiteDatasets;

/// <summary>
/// One run of one item of an experiment, to record with <see cref="IDatasetStore.RecordResult"/>: what the system
/// under test returned (or the error it ended with), how long it took, what it cost, and its scores. The caller names
/// only the item and the repetition; the store stamps the item's version and hash at the experiment's pinned version.
/// Recording a run again replaces its result (the last write wins; <see cref="ExperimentResult.Attempt"/> counts the writes).
/// </summary>
public sealed record ResultDraft
{
    /// <summary>Creates a draft of a run of an item.</summary>
    /// <param name="ItemId">The id of an item of the experiment's pinned version that its filter covers.</param>
    // The parameter keeps the property's name, as a positional record's would (callers may name it).
    public ResultDraft(string ItemId) => this.ItemId = ItemId;

    /// <summary>Gets the id of the item run.</summary>
    public string ItemId { get; init; }

    /// <summary>
    /// Gets which repetition of the item this run is, counted from 0: <c>0</c> to <see cref="Experiment.Repetitions"/>
    /// minus one; 0 by default (the only one of an experiment with one repetition).
    /// </summary>
    public int Repetition { get; init; }

    /// <summary>
    /// Gets the output, any JSON, kept exactly as given (key order, number text, strings) like an item's payloads;
    /// <see langword="null"/> (or a JSON null) for none.
    /// </summary>
    public JsonNode? Output { get; init; }

    /// <summary>Gets the error the run ended with; <see langword="null"/> for a run that succeeded. A run with an error counts as failed.</summary>
    public ResultError? Error { get; init; }

    /// <summary>Gets when the run started; <see langword="null"/> when not known. It is read back in UTC, to the tick.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Gets how long the run took (not negative); <see langword="null"/> when not measured.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Gets the tokens and cost the run used; <see langword="null"/> when not known.</summary>
    public ResultUsage? Usage { get; init; }

    /// <summary>Gets the model that answered (up to 4,096 characters); <see langword="null"/> by default.</summary>
    public string? Model { get; init; }

    /// <summary>Gets whether the answer came from a cache; <see langword="null"/> when not known.</summary>
    public bool? CacheHit { get; init; }

    /// <summary>
    /// Gets the run's scores, in the order given; <see langword="null"/> or empty for none. Score names are
    /// case-sensitive (<c>exact</c> and <c>Exact</c> are two scores); one name may appear once per run.
    /// </summary>
    public IReadOnlyList<ScoreDraft>? Scores { get; init; }

    /// <summary>Gets arbitrary metadata of the run, kept exactly as given; <see langword="null"/> by default.</summary>
    public JsonObject? Metadata { get; init; }

    /// <summary>Gets the id of the run's trace in a tracing system (up to 4,096 characters); <see langword="null"/> by default.</summary>
    public string? TraceId { get; init; }
}
