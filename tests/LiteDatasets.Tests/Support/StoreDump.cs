using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests;

/// <summary>
/// Everything a user can read from a store, written out as lines: every dataset, every version with its
/// counts, message, tags and fingerprint, the items live at every version, every item's history, and every experiment
/// with its results.
/// Two stores hold the same data exactly when their dumps are equal.
/// </summary>
public static class StoreDump
{
    public static IReadOnlyList<string> Of(IDatasetStore store) =>
        AllDatasets(store).SelectMany(d => OfDataset(store, d.Id)).ToList();

    /// <summary>Dumps one dataset: its definition, every version, the items at each version and every item's history.</summary>
    public static IReadOnlyList<string> OfDataset(IDatasetStore store, string datasetId)
    {
        var lines = new List<string>();
        var dataset = store.GetDataset(datasetId) ?? throw new ArgumentException($"No dataset '{datasetId}'.", nameof(datasetId));
        lines.Add(Invariant($"dataset {dataset.Id} name={dataset.Name} description={dataset.Description} metadata={Text(dataset.Metadata)} inputSchema={Text(dataset.InputSchema)} outputSchema={Text(dataset.ExpectedOutputSchema)} version={dataset.Version} count={dataset.ItemCount} created={dataset.CreatedAt:O} updated={dataset.UpdatedAt:O}"));
        var itemIds = new SortedSet<string>(StringComparer.Ordinal);
        for (long n = 0; n <= dataset.Version; n++)
        {
            var version = store.GetVersion(dataset.Id, n);
            lines.Add(Invariant($"  version {n} at={version.CreatedAt:O} message={version.Message} +{version.Added} ~{version.Updated} -{version.Deleted} count={version.ItemCount} schema={version.SchemaChanged} tags=[{string.Join(",", version.Tags)}] fingerprint={version.Fingerprint}"));
            foreach (var item in store.ReadItems(dataset.Id, n))
            {
                itemIds.Add(item.Id);
                lines.Add("    " + Item(item));
            }
        }

        foreach (var id in itemIds)
        {
            foreach (var revision in store.GetItemHistory(dataset.Id, id))
            {
                lines.Add(Invariant($"  history {id} [{revision.ValidFrom},{revision.ValidTo?.ToString(CultureInfo.InvariantCulture) ?? "-"}) delete={revision.IsDelete} {Item(revision.Item)}"));
            }
        }

        foreach (var experiment in AllExperiments(store, dataset.Id))
        {
            lines.Add("  " + Experiment(experiment));
            lines.AddRange(store.ReadResults(experiment.Id).Select(r => "    " + Result(r)));
        }

        return lines;
    }

    /// <summary>Reads every experiment of a dataset (newest first), following the pages.</summary>
    public static IReadOnlyList<Experiment> AllExperiments(IDatasetStore store, string datasetId)
    {
        var all = new List<Experiment>();
        string? after = null;
        do
        {
            var page = store.ListExperiments(datasetId, new ExperimentQuery { PageSize = 100, After = after });
            all.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);

        return all;
    }

    /// <summary>Everything a caller can see of one experiment, as one line.</summary>
    public static string Experiment(Experiment e) => Invariant(
        $"experiment #{e.Sequence} {e.Id} name={e.Name} dataset={e.DatasetId} pin={e.DatasetVersion} from={e.ResolvedFrom} fingerprint={e.DatasetFingerprint} filter={Filter(e.Filter)} repetitions={e.Repetitions} task={e.TaskVersion} scorers={string.Join(",", e.Scorers.Select(s => s.Key + "=" + s.Value))} description={e.Description} metadata={Text(e.Metadata)} status={e.Status} runs={e.ExpectedRuns}/{e.Recorded}/{e.Succeeded}/{e.Failed}/{e.Carried} created={e.CreatedAt:O} completed={e.CompletedAt:O}");

    /// <summary>Everything a caller can see of one result, as one line.</summary>
    public static string Result(ExperimentResult r) => Invariant(
        $"result {r.ItemId}#{r.Repetition} item={r.ItemVersion}/{r.ItemHash} attempt={r.Attempt} output={Text(r.Output)} error={r.Error} started={r.StartedAt:O} duration={r.Duration?.Ticks} usage={r.Usage} model={r.Model} cache={r.CacheHit} scores=[{string.Join(";", r.Scores.Select(s => Invariant($"{s.Name}={s.Value:R}/{s.Passed}/{s.Label}/{s.Reason}/{s.Error}/{s.ScorerVersion}/{Text(s.Metadata)}")))}] metadata={Text(r.Metadata)} trace={r.TraceId} recorded={r.RecordedAt:O}");

    private static string Filter(ExperimentFilter? filter) =>
        filter is null ? "-" : Invariant($"meta[{string.Join(",", (filter.Metadata ?? new Dictionary<string, JsonNode?>()).Select(m => m.Key + "=" + Text(m.Value)))}] ids[{string.Join(",", filter.ItemIds ?? [])}] ext[{string.Join(",", filter.ExternalIds ?? [])}]");

    /// <summary>Reads every dataset, following the pages.</summary>
    public static IReadOnlyList<Dataset> AllDatasets(IDatasetStore store)
    {
        var all = new List<Dataset>();
        string? after = null;
        do
        {
            var page = store.ListDatasets(new DatasetQuery { PageSize = 100, After = after });
            all.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);

        return all;
    }

    /// <summary>Reads every version of a dataset (newest first), following the pages.</summary>
    public static IReadOnlyList<DatasetVersion> AllVersions(IDatasetStore store, string datasetId)
    {
        var all = new List<DatasetVersion>();
        string? after = null;
        do
        {
            var page = store.ListVersions(datasetId, new VersionQuery { PageSize = 100, After = after });
            all.AddRange(page.Items);
            after = page.NextCursor;
        }
        while (after is not null);

        return all;
    }

    public static string Item(DatasetItem item) =>
        Invariant($"item {item.Id} ext={item.ExternalId} in={Text(item.Input)} out={Text(item.ExpectedOutput)} meta={Text(item.Metadata)} v={item.Version} created={item.CreatedAt:O} updated={item.UpdatedAt:O}");

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
