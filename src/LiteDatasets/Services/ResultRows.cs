using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Streams an experiment's stored results in key order (the order of its pinned snapshot), one short read per chunk.
/// Each chunk checks afterwards that the experiment is still the one the stream began with, so a stream either
/// delivers every result or fails.
/// </summary>
internal static class ResultRows
{
    /// <summary>Results read per read while streaming.</summary>
    public const int Chunk = 500;

    /// <summary>Streams the rows of <paramref name="started"/>, the experiment as it was looked up.</summary>
    public static IEnumerable<ResultRow> Stream(IStorageEngine engine, string experimentId, ExperimentRow started)
    {
        ResultKey? position = ResultKey.Start;
        while (position is { } after)
        {
            var (found, next) = engine.Read(rows =>
            {
                var chunk = rows.Results(experimentId, after, Chunk);
                if (rows.FindExperiment(experimentId) is not { } now || now.DatasetKey != started.DatasetKey || now.Sequence != started.Sequence)
                {
                    throw Errors.ExperimentNotFound(experimentId);
                }

                return (chunk, chunk.Count == Chunk ? chunk[^1].Key : (ResultKey?)null);
            });
            position = next;
            foreach (var row in found)
            {
                yield return row;
            }
        }
    }
}
