using LiteDatasets.Services;
using LiteDatasets.Storage;

namespace LiteDatasets.History;

/// <summary>
/// The target store's side of a transfer: whether it holds the dataset already and, if so, whether its history is a
/// prefix of the one coming in (same fingerprints, version by version) and its tags agree.
/// </summary>
internal sealed class HistoryTarget
{
    private readonly IStorageEngine _engine;
    private readonly DatasetRow? _dataset;
    private readonly Dictionary<string, long> _tags;

    private HistoryTarget(IStorageEngine engine, DatasetRow? dataset, Dictionary<string, long> tags)
    {
        _engine = engine;
        _dataset = dataset;
        _tags = tags;
    }

    /// <summary>Reads the target's state of dataset <paramref name="datasetId"/>, which will be named <paramref name="name"/>.</summary>
    public static HistoryTarget Load(IStorageEngine engine, string datasetId, string name) => engine.Read(rows =>
    {
        var dataset = rows.FindDataset(datasetId);
        var holder = rows.FindDatasetByNameKey(DatasetRow.KeyOfName(name));
        if (holder is not null && holder.Id != datasetId)
        {
            throw Errors.DatasetNameTaken(name);
        }

        var tags = dataset is null ? [] : rows.Tags(dataset.Key).ToDictionary(t => t.Name, t => t.Version, StringComparer.Ordinal);
        return new HistoryTarget(engine, dataset, tags);
    });

    /// <summary>Refuses a version the target holds with another fingerprint.</summary>
    public void CheckSame(BundleVersion version, long previous)
    {
        if (_dataset is null || version.Number > _dataset.Version)
        {
            return;
        }

        var own = _engine.Read(rows => DatasetRules.LoadVersion(rows, DatasetRules.Require(rows, _dataset.Id), version.Number));
        if (!own.Fingerprint.AsSpan().SequenceEqual(version.Fingerprint))
        {
            throw Errors.Diverged(_dataset.Id, previous, $"its version {version.Number} holds other items than the incoming one");
        }
    }

    /// <summary>Returns what the incoming history of <paramref name="versions"/> versions and <paramref name="tags"/> adds, or refuses one that diverged.</summary>
    public HistoryPlan Plan(BundleHeader header, long versions, IReadOnlyDictionary<string, long> tags)
    {
        var held = _dataset?.Version ?? 0;
        if (held > versions)
        {
            throw Errors.Diverged(header.DatasetId, versions, $"it holds {held} versions and the incoming history only {versions}");
        }

        var newTags = new List<(string, long)>();
        foreach (var (name, version) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!_tags.TryGetValue(name, out var own))
            {
                newTags.Add((name, version));
            }
            else if (own != version)
            {
                throw Errors.Diverged(header.DatasetId, held, $"its tag '{name}' names version {own} and the incoming one version {version}");
            }
        }

        return new HistoryPlan(header, _dataset is null, held, versions, newTags);
    }
}
