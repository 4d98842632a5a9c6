using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI;

/// <summary>What <see cref="EvaluationRunner"/> runs, and how.</summary>
public sealed record EvaluationRunnerOptions
{
    /// <summary>
    /// Gets the system under test: it answers an item (usually through an <see cref="IChatClient"/>, which a
    /// <c>DistributedCachingChatClient</c> over a <see cref="StoreDistributedCache"/> may wrap). Its token is cancelled
    /// when the caller cancels or the <see cref="ItemTimeout"/> passes. Required.
    /// </summary>
    public required Func<DatasetItem, CancellationToken, Task<ChatResponse>> Respond { get; init; }

    /// <summary>Gets the evaluator that scores each response. Required.</summary>
    public required IEvaluator Evaluator { get; init; }

    /// <summary>Gets the judge the evaluator may call (<see cref="ChatConfiguration"/>). Default: none.</summary>
    public ChatConfiguration? Judge { get; init; }

    /// <summary>
    /// Gets the conversation the evaluator is shown for an item. Default: one user message holding the item's input (its
    /// text when the input is a JSON string, its JSON otherwise).
    /// </summary>
    public Func<DatasetItem, IEnumerable<ChatMessage>>? Messages { get; init; }

    /// <summary>Gets the additional contexts the evaluator gets for an item, such as its expected output. Default: none.</summary>
    public Func<DatasetItem, IEnumerable<EvaluationContext>>? Contexts { get; init; }

    /// <summary>Gets the version of the evaluator stamped on every score (see <see cref="ExperimentDefinition.Scorers"/>). Default: none.</summary>
    public string? ScorerVersion { get; init; }

    /// <summary>Gets how many items are in progress at once (1 or more). Default: 4.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>
    /// Gets how long one attempt at an item's response, and the evaluation of it, may take (positive, or
    /// <see cref="Timeout.InfiniteTimeSpan"/>); a response that takes longer is an attempt that failed with
    /// <see cref="ResultErrorKind.Timeout"/>. Default: no bound.
    /// </summary>
    public TimeSpan ItemTimeout { get; init; } = Timeout.InfiniteTimeSpan;

    /// <summary>Gets how many times a failed or timed-out response is tried again (0 or more). Default: 2.</summary>
    public int Retries { get; init; } = 2;

    /// <summary>The longest wait between two attempts, however many retries came before.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets the wait before the first retry; it doubles before each further one, up to <see cref="MaxRetryDelay"/> (zero or
    /// more). Default: 1 second.
    /// </summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets which runs are pending (<see cref="IDatasetStore.GetPendingWork"/>). Default: missing and failed runs.</summary>
    public PendingOptions? Pending { get; init; }

    /// <summary>Gets how results are committed (<see cref="IDatasetStore.OpenRecorder"/>). Default: the recorder's defaults.</summary>
    public RecorderOptions? Recorder { get; init; }

    /// <summary>Gets the clock of timeouts, retry waits, start times and durations. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
