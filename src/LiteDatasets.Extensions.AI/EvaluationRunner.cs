namespace LiteDatasets.Extensions.AI;

/// <summary>
/// Runs an experiment's pending work with an <see cref="Microsoft.Extensions.AI.Evaluation.IEvaluator"/>: for each pending
/// run it asks <see cref="EvaluationRunnerOptions.Respond"/> for a response (with a timeout and retries), evaluates it,
/// and records the output, usage, latency and the evaluator's metrics as scores (<see cref="EvaluationScores"/>). A run
/// pending only to be scored again (<see cref="PendingReason.Rescore"/>, after its expected output changed) is not
/// answered again: its stored output is evaluated and the scores replace the carried result's
/// (<see cref="IDatasetStore.RecordScores"/>).
/// </summary>
/// <remarks>
/// <para>It works only through <see cref="IDatasetStore.GetPendingWork"/> and a <see cref="ResultRecorder"/>: pending runs
/// are read a chunk at a time and results are committed in batches, so no more than the runs in progress and one
/// batch are held in memory. Errors are results: a response that failed or timed out on every attempt, or an evaluator
/// that threw, is recorded with its <see cref="ResultError"/>, and a later run retries it (failed runs are pending).</para>
/// <para>Cancelling stops taking runs, cancels those in progress (they are not recorded and stay pending) and commits
/// what was recorded. The experiment is left open: complete it with <see cref="IDatasetStore.CompleteExperiment"/>.</para>
/// </remarks>
public sealed class EvaluationRunner
{
    private readonly IDatasetStore _store;
    private readonly EvaluationRunnerOptions _options;

    /// <summary>Creates a runner over <paramref name="store"/>.</summary>
    /// <param name="store">The store that holds the experiment.</param>
    /// <param name="options">What to run, and how.</param>
    /// <exception cref="ArgumentOutOfRangeException">A concurrency below 1, negative retries or delay, or a timeout that is neither positive nor infinite.</exception>
    public EvaluationRunner(IDatasetStore store, EvaluationRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Respond, nameof(options) + "." + nameof(options.Respond));
        ArgumentNullException.ThrowIfNull(options.Evaluator, nameof(options) + "." + nameof(options.Evaluator));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConcurrency, 1, nameof(options) + "." + nameof(options.MaxConcurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Retries, nameof(options) + "." + nameof(options.Retries));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryDelay, TimeSpan.Zero, nameof(options) + "." + nameof(options.RetryDelay));
        if (options.ItemTimeout <= TimeSpan.Zero && options.ItemTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options) + "." + nameof(options.ItemTimeout), options.ItemTimeout, "The timeout must be longer than zero, or Timeout.InfiniteTimeSpan for no bound.");
        }

        _store = store;
        _options = options;
    }

    /// <summary>Runs and records every pending run of an experiment.</summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="cancellationToken">Stops the run (see <see cref="EvaluationRunStatus.Cancelled"/>).</param>
    /// <returns>What was recorded, and how the run ended.</returns>
    /// <exception cref="LiteDatasetsException">The experiment does not exist or is closed, or the store refused results.</exception>
    public async Task<EvaluationRunReport> RunAsync(string experimentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentId);
        var tally = new RunTally();
        var cancelled = false;
        var recorder = _store.OpenRecorder(experimentId, _options.Recorder);
        await using (recorder.ConfigureAwait(false))
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
            try
            {
                await Parallel.ForEachAsync(_store.GetPendingWork(experimentId, _options.Pending), parallel, async (work, token) =>
                {
                    // The loop learns of the caller's cancellation through a callback that may come late: each run
                    // checks the caller's token itself, so that none starts after the caller cancelled.
                    cancellationToken.ThrowIfCancellationRequested();
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, token);
                    var run = new ItemRun(_options, work);
                    if (!run.RescoresStoredOutput)
                    {
                        if (await run.RunAsync(stop.Token).ConfigureAwait(false) is { } draft)
                        {
                            recorder.Add(draft);
                            tally.Add(draft);
                        }
                    }
                    else if (await run.RescoreAsync(stop.Token).ConfigureAwait(false) is { } scores)
                    {
                        // The carried result keeps its output and cost; only its scores are replaced. An evaluator that
                        // gave no metric leaves it waiting, and the run counts as failed.
                        if (scores.Count > 0)
                        {
                            _store.RecordScores(experimentId, work.Item.Id, work.Repetition, scores);
                        }

                        tally.Add(scores);
                    }
                }).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
            }
        }

        var status = cancelled ? EvaluationRunStatus.Cancelled : tally.Failed > 0 ? EvaluationRunStatus.CompletedWithErrors : EvaluationRunStatus.Completed;
        return new EvaluationRunReport(status, tally.Recorded, tally.Failed, tally.CacheHits);
    }
}
