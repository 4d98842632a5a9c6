using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The pending work of experiments: the pinned snapshot, filtered by the experiment's scope, merged with its results
/// chunk by chunk. Both are read in the same order (first-added order, which is result key order), so each chunk of
/// items needs one range of results, and a chunk is one short read (see <see cref="SnapshotReader"/>).
/// </summary>
internal sealed class ExperimentWork(IStorageEngine engine)
{
    public IEnumerable<PendingWork> GetPendingWork(string experimentId, PendingOptions? options)
    {
        Guard.Name(experimentId);
        return Stream(experimentId, (options ?? new PendingOptions()).IncludeFailed);
    }

    private IEnumerable<PendingWork> Stream(string experimentId, bool includeFailed)
    {
        // The experiment is looked up when the enumeration starts, not before.
        var (experiment, datasetId, reader) = engine.Read(rows =>
        {
            var found = rows.FindExperiment(experimentId) ?? throw Errors.ExperimentNotFound(experimentId);
            var dataset = rows.FindDatasetByKey(found.DatasetKey) ?? throw Errors.ExperimentNotFound(experimentId);
            return (found, dataset.Id, SnapshotReader.Open(rows, dataset, found.DatasetVersion));
        });
        var scope = experiment.Filter is null ? null : ExperimentScope.FromStored(experiment.Filter);

        // Fewer items per chunk when each has many repetitions, so that a chunk's work stays about one chunk long.
        var items = Math.Max(1, SnapshotReader.Chunk / experiment.Repetitions);
        RevisionPosition? position = RevisionPosition.Start;
        while (position is { } current)
        {
            var (work, next) = engine.Read(rows =>
            {
                var (chunk, after) = reader.ReadChunk(rows, current, items);
                var inScope = scope is null ? chunk : chunk.FindAll(scope.Matches);
                var pending = Pending(rows, experiment, datasetId, inScope, includeFailed);
                if (rows.FindExperiment(experimentId) is not { } now || now.DatasetKey != experiment.DatasetKey || now.Sequence != experiment.Sequence)
                {
                    throw Errors.ExperimentNotFound(experimentId);
                }

                return (pending, after);
            });
            position = next;
            foreach (var run in work)
            {
                yield return run;
            }
        }
    }

    /// <summary>Lists the pending runs of a chunk of items (in first-added order).</summary>
    private static List<PendingWork> Pending(IStoreReader rows, ExperimentRow experiment, string datasetId, List<RevisionRow> items, bool includeFailed)
    {
        var pending = new List<PendingWork>();
        if (items.Count == 0)
        {
            return pending;
        }

        var recorded = rows.RecordedRunsBetween(experiment.Id, items[0].Seq, items[^1].Seq).ToDictionary(r => r.Key);
        var carried = CarriedRuns.Read(rows, experiment, items);
        foreach (var item in items)
        {
            DatasetItem? read = null;
            for (var repetition = 0; repetition < experiment.Repetitions; repetition++)
            {
                var key = new ResultKey(item.Seq, repetition);
                var run = recorded.GetValueOrDefault(key);
                var (reason, previous) = run.Attempt == 0 ? carried?.WhyMissing(rows, item, key) ?? (PendingReason.Missing, null)
                    : run.Failed ? (PendingReason.Failed, rows.Results(experiment.Id, key.Preceding, 1)[0].ToResult())
                    : carried?.ToRescore(key) is { } rescore ? (PendingReason.Rescore, rescore.ToResult())
                    : default;
                if (reason == default || (reason == PendingReason.Failed && !includeFailed))
                {
                    continue;
                }

                read ??= item.ToItem(datasetId);
                pending.Add(new PendingWork(read, repetition, reason, previous));
            }
        }

        return pending;
    }
}
