using System.Globalization;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// The first pass of <c>experiments import</c>: reads the whole file and checks every line before anything is
/// written — its shape, its repetition, that it gives each run once, that its item is one of the experiment's at
/// the pinned version, and that the <c>itemHash</c> it gives, if any, is the hash the store will stamp. Each
/// failure names the first line it concerns. Memory grows with the runs of the file, never with their payloads.
/// </summary>
internal sealed class ResultImportCheck
{
    private readonly Experiment _experiment;
    private readonly string _source;
    private readonly Dictionary<string, long> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _externalIds = new(StringComparer.Ordinal);
    private readonly Dictionary<(bool ByExternalId, string Key, int Repetition), long> _runs = [];
    private readonly Dictionary<(bool ByExternalId, string Key, string Hash), long> _claims = [];
    private readonly Dictionary<string, string> _resolved = new(StringComparer.Ordinal);
    private readonly HashSet<string> _found = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);

    private ResultImportCheck(Experiment experiment, string source)
    {
        _experiment = experiment;
        _source = source;
    }

    /// <summary>Gets the number of results in the file.</summary>
    public long Count { get; private set; }

    /// <summary>Gets the id of the item each external id of the file names.</summary>
    public IReadOnlyDictionary<string, string> ItemIdsByExternalId => _resolved;

    /// <summary>Checks the file at <paramref name="path"/> for <paramref name="experiment"/>.</summary>
    /// <exception cref="CliException">A line that cannot be recorded; nothing is written either way.</exception>
    public static ResultImportCheck Run(IDatasetStore store, Experiment experiment, string path, string source, CancellationToken cancellationToken)
    {
        var check = new ResultImportCheck(experiment, source);
        foreach (var line in ResultLineParser.Read(path, source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            check.Add(line);
        }

        check.Resolve(store, cancellationToken);
        check.CompareHashes();
        return check;
    }

    private void Add(ResultLine line)
    {
        Count++;
        if (line.Repetition >= _experiment.Repetitions)
        {
            throw NotInExperiment(line.Number, string.Create(CultureInfo.InvariantCulture,
                $"repetition {line.Repetition} is out of range: the experiment runs each item {_experiment.Repetitions} time(s), repetitions 0 to {_experiment.Repetitions - 1}"));
        }

        if (!_runs.TryAdd((line.ByExternalId, line.Key, line.Repetition), line.Number))
        {
            throw Problem("ImportFormat", line.Number, string.Create(CultureInfo.InvariantCulture,
                $"the run of item '{line.Key}', repetition {line.Repetition}, is given again (first on line {_runs[(line.ByExternalId, line.Key, line.Repetition)]}); a file gives each run once"));
        }

        (line.ByExternalId ? _externalIds : _ids).TryAdd(line.Key, line.Number);
        if (line.ItemHash is { } hash)
        {
            _claims.TryAdd((line.ByExternalId, line.Key, hash), line.Number);
        }
    }

    /// <summary>Streams the experiment's items at its pin once, finding each item the file names and hashing those whose hash a line gives.</summary>
    private void Resolve(IDatasetStore store, CancellationToken cancellationToken)
    {
        var claimed = _claims.Keys.Select(c => (c.ByExternalId, c.Key)).ToHashSet();
        foreach (var item in Scope(store, _experiment))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var byId = _ids.ContainsKey(item.Id);
            var byExternalId = item.ExternalId is { } externalId && _externalIds.ContainsKey(externalId);
            if (byId)
            {
                _found.Add(item.Id);
            }

            if (byExternalId)
            {
                _resolved[item.ExternalId!] = item.Id;
            }

            if ((byId && claimed.Contains((false, item.Id))) || (byExternalId && claimed.Contains((true, item.ExternalId!))))
            {
                _hashes[item.Id] = ItemHash.Of(item);
            }
        }

        var missing = _ids.Where(id => !_found.Contains(id.Key))
            .Concat(_externalIds.Where(externalId => !_resolved.ContainsKey(externalId.Key)))
            .OrderBy(key => key.Value).FirstOrDefault();
        if (missing.Key is not null)
        {
            var by = _ids.ContainsKey(missing.Key) && !_found.Contains(missing.Key) ? "id" : "external id";
            throw NotInExperiment(missing.Value, string.Create(CultureInfo.InvariantCulture,
                $"the experiment has no item with the {by} '{missing.Key}' at its pinned version {_experiment.DatasetVersion}{(_experiment.Filter is null ? "" : " that its filter covers")}"));
        }
    }

    /// <summary>Refuses the first line whose item hash is not the one its item has at the pinned version: that result was made on other content.</summary>
    private void CompareHashes()
    {
        var mismatch = _claims
            .Select(claim => (claim.Key, Line: claim.Value, Actual: _hashes[claim.Key.ByExternalId ? _resolved[claim.Key.Key] : claim.Key.Key]))
            .Where(claim => !string.Equals(claim.Actual, claim.Key.Hash, StringComparison.OrdinalIgnoreCase))
            .OrderBy(claim => claim.Line)
            .FirstOrDefault();
        if (mismatch.Actual is not null)
        {
            throw Problem("ItemHashMismatch", mismatch.Line, string.Create(CultureInfo.InvariantCulture,
                $"the result was made on other content: its itemHash {mismatch.Key.Hash} is not the hash of item '{mismatch.Key.Key}' at the experiment's pinned version {_experiment.DatasetVersion} ({mismatch.Actual}). Import it into an experiment pinned to the version it was made on, or leave out itemHash to record it on this content anyway"));
        }
    }

    /// <summary>Gets the items of the experiment at its pin: those live then that its filter covers.</summary>
    private static IEnumerable<DatasetItem> Scope(IDatasetStore store, Experiment experiment)
    {
        var filter = experiment.Filter;
        var items = filter?.Metadata is { Count: > 0 } metadata
            ? Matching(store, experiment, metadata)
            : store.ReadItems(experiment.DatasetId, experiment.DatasetVersion);
        var ids = filter?.ItemIds?.ToHashSet(StringComparer.Ordinal);
        var externalIds = filter?.ExternalIds?.ToHashSet(StringComparer.Ordinal);
        return items.Where(item => (ids is null || ids.Contains(item.Id)) && (externalIds is null || (item.ExternalId is { } e && externalIds.Contains(e))));
    }

    /// <summary>Pages through the items at the pin whose metadata matches the filter's, as the store's own item filter does.</summary>
    private static IEnumerable<DatasetItem> Matching(IDatasetStore store, Experiment experiment, IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> metadata)
    {
        string? after = null;
        do
        {
            var page = store.ListItems(experiment.DatasetId, new ItemQuery { Version = experiment.DatasetVersion, Metadata = metadata, PageSize = 1000, After = after });
            foreach (var item in page.Items)
            {
                yield return item;
            }

            after = page.NextCursor;
        }
        while (after is not null);
    }

    private CliException NotInExperiment(long line, string reason) => Problem(ErrorCode.ItemNotInExperiment.ToString(), line, reason);

    private CliException Problem(string code, long line, string reason) =>
        new(code, FormattableString.Invariant($"{_source}, line {line}: {reason}. Nothing was recorded."), line);
}
