using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// One write of scores onto a recorded result, under the lock of the experiment's row: the run is checked against the
/// experiment as a result write checks it, its stored result is read, and the scores are merged into its body (see
/// <see cref="ScoreMerge"/>). Attempt, time, output and error stay as they were, so the counters do not change.
/// </summary>
internal static class ScoreWrite
{
    /// <summary>Writes <paramref name="scores"/> (checked, each name once; <paramref name="metadata"/> their stored metadata) at <paramref name="now"/>.</summary>
    /// <returns>The result row after the write, and whether it changed (no scores change nothing).</returns>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentClosed"/> (cancelled),
    /// <see cref="ErrorCode.ItemNotInExperiment"/>, <see cref="ErrorCode.ResultNotFound"/> or
    /// <see cref="ErrorCode.InvalidPayload"/> (the result would grow too large); the caller's unit of work then writes nothing.
    /// </exception>
    public static (ResultRow Row, bool Changed) Run(
        IStoreWriter rows, PinnedStamps pins, string experimentId, string itemId, int repetition, IReadOnlyList<ScoreDraft> scores, IReadOnlyList<byte[]?> metadata, long now)
    {
        var experiment = rows.FindExperimentForUpdate(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);

        // Outputs are final once the experiment is completed, but judging them may go on; a cancelled one is abandoned.
        if (experiment.Status == ExperimentStatus.Cancelled)
        {
            throw Errors.ScoresClosed(experimentId);
        }

        var key = new ResultKey(ResultWrite.Stamps(rows, pins, experiment, [(itemId, repetition)])[itemId].Seq, repetition);
        var found = rows.Results(experimentId, key.Preceding, 1);
        var stored = found.Count == 1 && found[0].Key == key ? found[0] : throw Errors.ResultNotFound(experimentId, itemId, repetition);
        if (scores.Count == 0)
        {
            return (stored, false);
        }

        var body = ScoreMerge.Merge(stored.Body, scores, metadata, now);
        if ((stored.Output?.Length ?? 0L) + body.Length > ItemDraft.MaxContentBytes)
        {
            throw Errors.InvalidResult(null, itemId, repetition, "", $"would be larger than the {ItemDraft.MaxContentBytes / 1_000_000} MB a result may hold with these scores");
        }

        var updated = stored with { Body = body };
        rows.WriteResults([updated]);
        return (updated, true);
    }
}
