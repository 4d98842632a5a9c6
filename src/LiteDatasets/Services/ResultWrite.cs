using System.Globalization;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// One write of results into one experiment, under the lock of the experiment's row: each run is checked against the
/// experiment (running, the item live at the pinned version and in its filter, the repetition in range), stamped with
/// the item's revision there, and stored; the counters change in the same unit of work.
/// </summary>
internal static class ResultWrite
{
    /// <summary>
    /// Records <paramref name="prepared"/> (checked drafts, each run once) at <paramref name="now"/>; returns the
    /// experiment's row after the write and the rows written. The dataset's row is not read: deleting a dataset deletes
    /// its experiments in the same commit, so the experiment's row, read for update, vouches for it (see <see cref="ExperimentOf"/>).
    /// </summary>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentClosed"/> or <see cref="ErrorCode.ItemNotInExperiment"/>;
    /// the caller's unit of work then writes nothing.
    /// </exception>
    public static (ExperimentRow Experiment, List<ResultRow> Rows) Run(
        IStoreWriter rows, PinnedStamps pins, string experimentId, IReadOnlyList<PreparedResult> prepared, long now)
    {
        var experiment = rows.FindExperimentForUpdate(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
        if (experiment.Status != ExperimentStatus.Running)
        {
            throw Errors.ResultsClosed(experimentId, experiment.Status);
        }

        if (prepared.Count == 0)
        {
            return (experiment, []);
        }

        var stamps = Stamps(rows, pins, experiment, prepared.Select(p => (p.ItemId, p.Repetition)).ToList());
        var keys = prepared.Select(p => new ResultKey(stamps[p.ItemId].Seq, p.Repetition)).ToList();
        var stored = rows.RecordedRuns(experimentId, keys).ToDictionary(r => r.Key);
        long recorded = 0, failed = 0;
        var written = new List<ResultRow>(prepared.Count);
        for (var i = 0; i < prepared.Count; i++)
        {
            var result = prepared[i];
            var stamp = stamps[result.ItemId];
            var previous = stored.GetValueOrDefault(keys[i]);
            var attempt = previous.Attempt + 1;

            // The last write wins: a run recorded before leaves the count its earlier result was in.
            recorded += previous.Attempt == 0 ? 1 : 0;
            failed += (result.Failed ? 1 : 0) - (previous.Attempt > 0 && previous.Failed ? 1 : 0);
            written.Add(new ResultRow(
                experimentId, experiment.DatasetKey, stamp.Seq, result.Repetition, result.ItemId, stamp.ValidFrom, stamp.Hash,
                attempt, result.Failed, result.Output, result.Body, now));
        }

        rows.WriteResults(written);
        var updated = experiment with
        {
            Recorded = experiment.Recorded + recorded,
            Succeeded = experiment.Succeeded + recorded - failed,
            Failed = experiment.Failed + failed,
        };
        rows.UpdateExperiment(updated);
        return (updated, written);
    }

    /// <summary>Returns the public form of an experiment's row, read in the same unit of work as <see cref="Run"/> (which names the dataset by its key only).</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>: the dataset is gone.</exception>
    public static Experiment ExperimentOf(IStoreReader rows, ExperimentRow experiment) =>
        experiment.ToExperiment(rows.FindDatasetByKey(experiment.DatasetKey)?.Id ?? throw Errors.ExperimentNotFound(experiment.Id));

    /// <summary>
    /// Finds the stamp of each run's item at the pinned version (kept ones from <paramref name="pins"/>, the others
    /// looked up and kept), and refuses a run the experiment does not have.
    /// </summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ItemNotInExperiment"/>.</exception>
    public static Dictionary<string, ResultStamp> Stamps(
        IStoreReader rows, PinnedStamps pins, ExperimentRow experiment, IReadOnlyList<(string ItemId, int Repetition)> runs)
    {
        var pinned = pins.For(experiment);
        var stamps = new Dictionary<string, ResultStamp>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var (itemId, _) in runs)
        {
            if (pinned.Stamps.TryGetValue(itemId, out var kept))
            {
                stamps[itemId] = kept;
            }
            else if (!stamps.ContainsKey(itemId))
            {
                unknown.Add(itemId);
            }
        }

        var outOfScope = new HashSet<string>(StringComparer.Ordinal);
        var version = experiment.DatasetVersion;
        foreach (var revision in unknown.Count == 0 ? [] : rows.LatestRevisions(experiment.DatasetKey, unknown.Distinct(StringComparer.Ordinal).ToList(), version))
        {
            if (!revision.IsLiveAt(version) || stamps.ContainsKey(revision.ItemId))
            {
                continue;
            }

            if (pinned.Scope is { } scope && !scope.Matches(revision))
            {
                outOfScope.Add(revision.ItemId);
                continue;
            }

            var stamp = ResultStamp.Of(revision);
            stamps[revision.ItemId] = stamp;
            pins.Keep(pinned, revision.ItemId, stamp);
        }

        foreach (var (itemId, repetition) in runs)
        {
            var why = repetition >= experiment.Repetitions
                ? string.Create(CultureInfo.InvariantCulture, $"it runs each item {experiment.Repetitions} times, as repetitions 0 to {experiment.Repetitions - 1}")
                : outOfScope.Contains(itemId) ? "its filter does not cover the item"
                : !stamps.ContainsKey(itemId) ? string.Create(CultureInfo.InvariantCulture, $"the item is not live at the dataset version it pins, {version}")
                : null;
            if (why is not null)
            {
                throw Errors.ItemNotInExperiment(experiment.Id, itemId, repetition, why);
            }
        }

        return stamps;
    }
}
