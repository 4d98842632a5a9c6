using System.Globalization;
using LiteDatasets.Json;
using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// What <see cref="StoreVerifier"/> checks of an experiment's results: each one names a run the experiment has — an
/// item live at the pinned version and in its filter, with its stamps (version, sequence number, hash) equal to that
/// revision's, a repetition in range — and can be read; and the experiment's counters equal its results. Results are
/// read in key order a chunk at a time, and the repetitions of an item follow each other, so one revision is looked up
/// per item and memory does not grow with the results.
/// </summary>
internal sealed class ResultChecks(IStoreReader rows, Action<string> problem)
{
    /// <summary>Results read per query.</summary>
    private const int Chunk = 1000;

    public void Check(ExperimentRow experiment, DatasetRow dataset, string who)
    {
        var scope = experiment.Filter is null ? null : ExperimentScope.FromStored(experiment.Filter);
        long recorded = 0, failed = 0;
        (string ItemId, RevisionRow? Revision)? last = null;
        var after = ResultKey.Start;
        while (true)
        {
            var chunk = rows.Results(experiment.Id, after, Chunk);
            foreach (var result in chunk)
            {
                recorded++;
                failed += result.Failed ? 1 : 0;
                if (last?.ItemId != result.ItemId)
                {
                    last = (result.ItemId, DiffPlanner.LiveAt(rows, dataset.Key, result.ItemId, experiment.DatasetVersion));
                }

                var where = string.Create(CultureInfo.InvariantCulture, $"{who}: the result of item '{result.ItemId}', repetition {result.Repetition},");
                CheckRun(experiment, dataset, scope, result, last.Value.Revision, where);
                CheckContent(result, where);
            }

            if (chunk.Count < Chunk)
            {
                break;
            }

            after = chunk[^1].Key;
        }

        if (recorded != experiment.Recorded || failed != experiment.Failed || recorded - failed != experiment.Succeeded)
        {
            problem(string.Create(CultureInfo.InvariantCulture,
                $"{who} counts {experiment.Recorded} recorded, {experiment.Succeeded} succeeded and {experiment.Failed} failed runs, but its results are {recorded}, {recorded - failed} and {failed}."));
        }
    }

    /// <summary>Checks that a result names a run the experiment has, stamped as the item was at the pinned version.</summary>
    private void CheckRun(ExperimentRow experiment, DatasetRow dataset, ExperimentScope? scope, ResultRow result, RevisionRow? revision, string where)
    {
        if (result.DatasetKey != dataset.Key)
        {
            problem(string.Create(CultureInfo.InvariantCulture, $"{where} belongs to dataset key {result.DatasetKey}."));
        }

        if (result.Repetition < 0 || result.Repetition >= experiment.Repetitions || result.Attempt < 1)
        {
            problem(string.Create(CultureInfo.InvariantCulture, $"{where} has attempt {result.Attempt}, and the experiment runs repetitions 0 to {experiment.Repetitions - 1}."));
        }

        if (revision is null)
        {
            problem(string.Create(CultureInfo.InvariantCulture, $"{where} names no item live at the pinned version {experiment.DatasetVersion}."));
        }
        else if (revision.ValidFrom != result.ItemVersion || revision.Seq != result.Seq || !revision.Hash.AsSpan().SequenceEqual(result.ItemHash))
        {
            problem(string.Create(CultureInfo.InvariantCulture,
                $"{where} is stamped with version {result.ItemVersion}, sequence number {result.Seq} and hash {Fingerprint.ToHex(result.ItemHash)}, but the item's revision at version {experiment.DatasetVersion} has {revision.ValidFrom}, {revision.Seq} and {Fingerprint.ToHex(revision.Hash)}."));
        }
        else if (scope is not null && !scope.Matches(revision))
        {
            problem($"{where} names an item outside the experiment's filter.");
        }
    }

    /// <summary>
    /// Checks that a result's output and body read back, that its failure flag agrees with its error, and that each
    /// score name appears once (scores are added and replaced by name).
    /// </summary>
    private void CheckContent(ResultRow result, string where)
    {
        try
        {
            if (result.Output is not null)
            {
                PayloadEncoder.CanonicalOfStored(result.Output);
            }

            var body = ResultBody.Read(result.Body, result.RecordedAt);
            if ((body.Error is not null) != result.Failed)
            {
                problem($"{where} is marked as {(result.Failed ? "failed" : "succeeded")}, but it has {(result.Failed ? "no" : "an")} error.");
            }

            var twice = body.Scores.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (twice.Count > 0)
            {
                problem($"{where} has more than one score named '{string.Join("', '", twice)}'.");
            }
        }
        catch (StoreDamage damage)
        {
            problem($"{where} cannot be read: {damage.Message}.");
        }
    }
}
