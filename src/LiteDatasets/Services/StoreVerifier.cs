using System.Globalization;
using System.Numerics;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Checks every invariant of the rows an engine holds, one dataset at a time, reading its revisions in
/// first-added order in chunks, so that memory grows with the number of versions, not of items. Fingerprints are
/// recomputed from the stored content itself. An engine adds checks of its own (indexes, file format).
/// </summary>
/// <remarks>
/// Damage is a finding, not a failure: rows that cannot be read are reported as a problem of their dataset (or of
/// the store, for the list of datasets), and the check goes on with the next dataset. The engine says which of its
/// failures mean damage (<c>describeDamage</c>, which must not change anything) and readies itself to read on after
/// one (<c>recover</c>: an engine that closed itself is replaced, so <c>rows</c> may then give other rows).
/// </remarks>
internal sealed class StoreVerifier(Func<IStoreReader> currentRows, Func<Exception, string?> describeDamage, Action<Exception> recover)
{
    /// <summary>Revisions read per query.</summary>
    private const int Chunk = 5000;

    private readonly List<VerifyProblem> _problems = [];
    private long _revisions;

    /// <summary>Checks the rows of an engine that needs no recovery: only <see cref="StoreDamage"/> is damage.</summary>
    public StoreVerifier(IStoreReader rows)
        : this(() => rows, static ex => ex is StoreDamage ? ex.Message : null, static _ => { })
    {
    }

    private IStoreReader Rows => currentRows();

    /// <summary>Checks every dataset; <paramref name="engineProblems"/> are listed first.</summary>
    public VerifyReport Run(IEnumerable<VerifyProblem> engineProblems)
    {
        _problems.AddRange(engineProblems);
        var datasets = Attempt(null, "The list of datasets", Rows.Datasets) ?? [];
        foreach (var dataset in datasets)
        {
            Attempt(dataset.Id, "The dataset", () =>
            {
                CheckDataset(dataset);
                return dataset;
            });
        }

        return new VerifyReport(datasets.Count, _revisions, _problems);
    }

    /// <summary>Runs one check; damage it meets becomes a problem of <paramref name="datasetId"/>, and the engine recovers.</summary>
    private T? Attempt<T>(string? datasetId, string what, Func<T> check)
        where T : class
    {
        try
        {
            return check();
        }
        catch (Exception ex) when (describeDamage(ex) is not null)
        {
            Problem(datasetId, $"{what} cannot be read in full: the store is damaged ({describeDamage(ex)}).");
            recover(ex);
            return null;
        }
    }

    private void CheckDataset(DatasetRow dataset)
    {
        var versions = Rows.Versions(dataset.Key, 0, long.MaxValue, int.MaxValue, newestFirst: false).ToDictionary(v => v.Number);
        var last = dataset.Version;

        // Per version: +1 / -1 live items, and + / - fingerprint terms, from each revision's range.
        var countDelta = new long[last + 2];
        var termDelta = new BigInteger[last + 2];
        var opened = new int[last + 2];
        var closed = new int[last + 2];
        var maxSeq = CheckRevisions(dataset, countDelta, termDelta, opened, closed);
        var (count, sum) = CheckVersionTotals(dataset, versions, countDelta, termDelta, opened, closed);

        if (dataset.ItemCount != count)
        {
            Problem(dataset.Id, $"The dataset records {dataset.ItemCount} live items, but {count} are live.");
        }

        if (Fingerprint.ToHex(dataset.Fingerprint) != Hex(sum))
        {
            Problem(dataset.Id, "The dataset's fingerprint differs from the one its live items give.");
        }

        if (dataset.LastSeq < maxSeq)
        {
            Problem(dataset.Id, $"The dataset's last sequence number {dataset.LastSeq} is below the highest used, {maxSeq}.");
        }

        CheckVersionRows(dataset, versions);
        CheckTags(dataset);
        CheckExperiments(dataset, versions);
    }

    /// <summary>Checks the revisions of a dataset one by one, collecting the per-version deltas; returns the highest sequence number used.</summary>
    private long CheckRevisions(DatasetRow dataset, long[] countDelta, BigInteger[] termDelta, int[] opened, int[] closed)
    {
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        long maxSeq = 0;
        RevisionRow? previous = null;
        foreach (var row in AllRevisions(dataset.Key))
        {
            _revisions++;
            maxSeq = Math.Max(maxSeq, row.Seq);
            if (previous is null || previous.Seq != row.Seq)
            {
                if (!seenIds.Add(row.ItemId))
                {
                    Problem(dataset.Id, $"Item '{row.ItemId}' has revisions under two sequence numbers.");
                }
            }
            else
            {
                if (previous.ItemId != row.ItemId)
                {
                    Problem(dataset.Id, $"Items '{previous.ItemId}' and '{row.ItemId}' share sequence number {row.Seq}.");
                }

                if (row.ValidFrom < previous.ValidTo)
                {
                    Problem(dataset.Id, $"Item '{row.ItemId}' has overlapping revisions: [{previous.ValidFrom}, {Show(previous.ValidTo)}) and [{row.ValidFrom}, {Show(row.ValidTo)}).");
                }
            }

            CheckRevision(dataset, row, countDelta, termDelta, opened, closed);
            previous = row;
        }

        return maxSeq;
    }

    /// <summary>Checks each version's counts and fingerprint against the deltas; returns the live count and fingerprint sum at the last version.</summary>
    private (long Count, BigInteger Sum) CheckVersionTotals(DatasetRow dataset, Dictionary<long, VersionRow> versions, long[] countDelta, BigInteger[] termDelta, int[] opened, int[] closed)
    {
        var last = dataset.Version;
        // Sweep the versions in order: counts, fingerprints and change counts must match the rows.
        long count = 0;
        var sum = BigInteger.Zero;
        for (var n = 1L; n <= last; n++)
        {
            count += countDelta[n];
            sum += termDelta[n];
            if (!versions.TryGetValue(n, out var version))
            {
                continue;
            }

            if (version.ItemCount != count)
            {
                Problem(dataset.Id, $"Version {n} records {version.ItemCount} items, but {count} are live at it.");
            }

            if (Fingerprint.ToHex(version.Fingerprint) != Hex(sum))
            {
                Problem(dataset.Id, $"Version {n} records fingerprint {Fingerprint.ToHex(version.Fingerprint)}, but its items give {Hex(sum)}.");
            }

            if (version.Added + version.Updated != opened[n] || version.Deleted + version.Updated != closed[n])
            {
                Problem(dataset.Id, $"Version {n} records {version.Added} added, {version.Updated} updated and {version.Deleted} deleted, which its revisions ({opened[n]} opened, {closed[n]} closed) do not match.");
            }
        }

        return (count, sum);
    }

    /// <summary>Every revision of a dataset in first-added order, a chunk at a time.</summary>
    private IEnumerable<RevisionRow> AllRevisions(int datasetKey)
    {
        RevisionPosition? position = RevisionPosition.Start;
        while (position is { } after)
        {
            var chunk = Rows.RevisionsInOrder(datasetKey, after, long.MaxValue, Chunk);
            foreach (var row in chunk)
            {
                yield return row;
            }

            position = chunk.Count == Chunk ? new RevisionPosition(chunk[^1].Seq, chunk[^1].ValidFrom) : null;
        }
    }

    private void CheckRevision(DatasetRow dataset, RevisionRow row, long[] countDelta, BigInteger[] termDelta, int[] opened, int[] closed)
    {
        var last = dataset.Version;
        if (row.ValidFrom < 1 || row.ValidFrom > last || row.ValidTo <= row.ValidFrom || (row.ValidTo != RevisionRow.Open && row.ValidTo > last))
        {
            Problem(dataset.Id, $"Item '{row.ItemId}' has a revision with an impossible range [{row.ValidFrom}, {Show(row.ValidTo)}) for a dataset at version {last}.");
            return;
        }

        byte[] hash;
        try
        {
            hash = row.Content().Hash(row.ItemId, row.ExternalId);
        }
        catch (StoreDamage ex)
        {
            Problem(dataset.Id, $"Item '{row.ItemId}' has a revision whose content cannot be read: {ex.Message}");
            return;
        }

        var term = Fingerprint.Term(hash);
        countDelta[row.ValidFrom]++;
        termDelta[row.ValidFrom] += term;
        opened[row.ValidFrom]++;
        if (row.ValidTo != RevisionRow.Open)
        {
            countDelta[row.ValidTo]--;
            termDelta[row.ValidTo] -= term;
            closed[row.ValidTo]++;
        }
    }

    private void CheckVersionRows(DatasetRow dataset, Dictionary<long, VersionRow> versions)
    {
        var missing = Enumerable.Range(1, (int)Math.Min(dataset.Version, int.MaxValue)).Where(n => !versions.ContainsKey(n)).Take(5).ToList();
        if (missing.Count > 0)
        {
            Problem(dataset.Id, $"Versions are not gap-free: no record of version(s) {string.Join(", ", missing)} of 1..{dataset.Version}.");
        }

        foreach (var extra in versions.Keys.Where(n => n < 1 || n > dataset.Version))
        {
            Problem(dataset.Id, $"A record of version {extra} exists, but the dataset is at version {dataset.Version}.");
        }

        long previousAt = dataset.CreatedAt, previousSeq = 0;
        foreach (var version in versions.Values.OrderBy(v => v.Number))
        {
            if (version.CreatedAt < previousAt)
            {
                Problem(dataset.Id, $"Version {version.Number} was committed before the version or dataset preceding it.");
            }

            if (version.LastSeq < previousSeq)
            {
                Problem(dataset.Id, $"Version {version.Number} records a lower last sequence number than the version before it.");
            }

            previousAt = version.CreatedAt;
            previousSeq = version.LastSeq;
        }
    }

    private void CheckTags(DatasetRow dataset)
    {
        foreach (var tag in Rows.Tags(dataset.Key))
        {
            if (tag.Version < 0 || tag.Version > dataset.Version)
            {
                Problem(dataset.Id, $"Tag '{tag.Name}' names version {tag.Version}, which does not exist.");
            }

            // A tag is listed through its index and found by its name: a name damaged in the document or in the index
            // entry makes the two disagree, and reads of the tag would answer "not found".
            if (Rows.FindTag(dataset.Key, tag.Name) is not { } found || found.Version != tag.Version)
            {
                Problem(dataset.Id, $"Tag '{tag.Name}' cannot be found by its name: its stored name and its index entry disagree.");
            }
        }
    }

    /// <summary>Checks that each experiment pins a version the dataset has, with that version's fingerprint, and has sound counters and results.</summary>
    private void CheckExperiments(DatasetRow dataset, Dictionary<long, VersionRow> versions)
    {
        var results = new ResultChecks(Rows, description => Problem(dataset.Id, description));
        foreach (var experiment in Rows.Experiments(dataset.Key, long.MaxValue, int.MaxValue))
        {
            var who = string.Create(CultureInfo.InvariantCulture, $"Experiment '{experiment.Id}' (#{experiment.Sequence})");
            var pinned = experiment.DatasetVersion;
            var fingerprint = pinned == 0 ? Fingerprint.Empty : versions.GetValueOrDefault(pinned)?.Fingerprint;
            if (pinned < 0 || pinned > dataset.Version)
            {
                Problem(dataset.Id, $"{who} pins version {pinned}, but the dataset is at version {dataset.Version}.");
            }
            else if (fingerprint is not null && !fingerprint.AsSpan().SequenceEqual(experiment.DatasetFingerprint))
            {
                Problem(dataset.Id, $"{who} records fingerprint {Fingerprint.ToHex(experiment.DatasetFingerprint)} for version {pinned}, which has {Fingerprint.ToHex(fingerprint)}.");
            }

            long[] counters = [experiment.ExpectedRuns, experiment.Recorded, experiment.Succeeded, experiment.Failed, experiment.Carried];
            if (counters.Any(c => c < 0) || experiment.Repetitions < 1)
            {
                Problem(dataset.Id, $"{who} has a negative counter or fewer than one repetition: expected {experiment.ExpectedRuns}, recorded {experiment.Recorded}, succeeded {experiment.Succeeded}, failed {experiment.Failed}, carried {experiment.Carried}, repetitions {experiment.Repetitions}.");
            }

            if (!Enum.IsDefined(experiment.Status) || (experiment.Status == ExperimentStatus.Running) != (experiment.CompletedAt is null))
            {
                Problem(dataset.Id, $"{who} has status {experiment.Status} with {(experiment.CompletedAt is null ? "no" : "a")} completion time.");
            }

            results.Check(experiment, dataset, who);
        }
    }

    private static string Hex(BigInteger sum) => Fingerprint.ToHex(Fingerprint.FromInteger(sum));

    private static string Show(long validTo) => validTo == RevisionRow.Open ? "open" : validTo.ToString(CultureInfo.InvariantCulture);

    private void Problem(string? datasetId, string description) => _problems.Add(new VerifyProblem(datasetId, description));
}
