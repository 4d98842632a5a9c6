using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace LiteDatasets.Extensions.AI;

/// <summary>One pending run of <see cref="EvaluationRunner"/>: the response with its retries, then the evaluation, as a result draft.</summary>
internal sealed class ItemRun(EvaluationRunnerOptions options, PendingWork work)
{
    private readonly TimeProvider _clock = options.TimeProvider;

    /// <summary>
    /// Gets whether the run needs only its scores again: its item's expected output changed since a carried result's
    /// output was produced (<see cref="PendingReason.Rescore"/>), and that output is a response's text.
    /// </summary>
    public bool RescoresStoredOutput => StoredOutput is not null;

    private string? StoredOutput =>
        work is { Reason: PendingReason.Rescore, Previous.Output: JsonValue output } && output.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Returns the run's result, or null when the caller cancelled (the run stays pending).</summary>
    public async Task<ResultDraft?> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (draft, response) = await RespondAsync(cancellationToken).ConfigureAwait(false);
            return response is null ? draft : await EvaluateAsync(draft, response, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Evaluates the stored output again, without asking for a response; returns the scores to record, or null when the
    /// caller cancelled. An evaluator that fails gives each of its metrics a score with the error.
    /// </summary>
    public async Task<IReadOnlyList<ScoreDraft>?> RescoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, StoredOutput ?? throw new InvalidOperationException("The run has no stored output to score.")));
            var draft = await EvaluateAsync(new ResultDraft(work.Item.Id) { Repetition = work.Repetition }, response, cancellationToken).ConfigureAwait(false);
            return draft.Error is { } error
                ? [.. options.Evaluator.EvaluationMetricNames.Select(name => new ScoreDraft(name) { Error = error.Message, ScorerVersion = options.ScorerVersion })]
                : draft.Scores ?? [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Asks for the response until an attempt succeeds or the retries are spent; the draft holds the response or the last error.</summary>
    private async Task<(ResultDraft Draft, ChatResponse? Response)> RespondAsync(CancellationToken cancellationToken)
    {
        var draft = new ResultDraft(work.Item.Id) { Repetition = work.Repetition };
        for (var attempt = 1; ; attempt++)
        {
            var probe = new CacheProbe();
            var startedAt = _clock.GetUtcNow();
            var started = _clock.GetTimestamp();
            using var timeout = new AttemptTimeout(options.ItemTimeout, _clock, cancellationToken);
            CacheProbe.Current = probe;
            try
            {
                var response = await options.Respond(work.Item, timeout.Token).ConfigureAwait(false);
                return (Succeeded(draft, response, probe, startedAt, _clock.GetElapsedTime(started), attempt), response);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var timedOut = ex is OperationCanceledException && timeout.TimedOut;
                draft = draft with
                {
                    StartedAt = startedAt,
                    Duration = _clock.GetElapsedTime(started),
                    Error = new ResultError(
                        timedOut ? $"No response within {options.ItemTimeout} ({Tries(attempt)})." : $"{ex.Message} ({Tries(attempt)})",
                        timedOut ? ResultErrorKind.Timeout : ResultErrorKind.Task,
                        ex.GetType().FullName),
                    Metadata = new JsonObject { ["attempts"] = attempt },
                };
            }
            finally
            {
                CacheProbe.Current = null;
            }

            if (attempt > options.Retries)
            {
                return (draft, null);
            }

            await Task.Delay(Backoff(options.RetryDelay, attempt), _clock, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ResultDraft Succeeded(ResultDraft draft, ChatResponse response, CacheProbe probe, DateTimeOffset startedAt, TimeSpan duration, int attempt) => draft with
    {
        Output = JsonValue.Create(response.Text),
        Error = null,
        StartedAt = startedAt,
        Duration = duration,
        Model = response.ModelId,
        Usage = response.Usage is { } usage
            ? new ResultUsage { InputTokens = usage.InputTokenCount, OutputTokens = usage.OutputTokenCount, TotalTokens = usage.TotalTokenCount, CachedInputTokens = usage.CachedInputTokenCount }
            : null,
        CacheHit = probe.Hit,
        Metadata = attempt > 1 ? new JsonObject { ["attempts"] = attempt } : null,
    };

    /// <summary>Evaluates the response; an evaluator that throws or times out leaves the output and records a scorer error.</summary>
    private async Task<ResultDraft> EvaluateAsync(ResultDraft draft, ChatResponse response, CancellationToken cancellationToken)
    {
        var messages = (options.Messages ?? DefaultMessages)(work.Item).ToList();
        var contexts = options.Contexts?.Invoke(work.Item)?.ToList();
        using var timeout = new AttemptTimeout(options.ItemTimeout, _clock, cancellationToken);
        try
        {
            var result = await options.Evaluator.EvaluateAsync(messages, response, options.Judge, contexts, timeout.Token).ConfigureAwait(false);
            return draft with { Scores = result.ToScoreDrafts(options.ScorerVersion) };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = ex is OperationCanceledException && timeout.TimedOut ? $"The evaluation took longer than {options.ItemTimeout}." : "The evaluator failed: " + ex.Message;
            return draft with { Error = new ResultError(message, ResultErrorKind.Scorer, ex.GetType().FullName) };
        }
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>: the delay, then twice it, four times it…, at most <see cref="EvaluationRunnerOptions.MaxRetryDelay"/>.</summary>
    internal static TimeSpan Backoff(TimeSpan delay, int attempt)
    {
        var ticks = delay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return ticks >= EvaluationRunnerOptions.MaxRetryDelay.Ticks ? EvaluationRunnerOptions.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    private static string Tries(int attempt) => attempt == 1 ? "1 attempt" : $"{attempt} attempts";

    private static IEnumerable<ChatMessage> DefaultMessages(DatasetItem item) =>
        [new ChatMessage(ChatRole.User, item.Input is JsonValue value && value.TryGetValue<string>(out var text) ? text : item.Input.ToJsonString())];
}
