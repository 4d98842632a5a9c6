using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// Carrying results forward: in the commit that creates an experiment, the results of an earlier one of the same
/// dataset and task version that still hold at the new one's version are copied into it. What holds is what
/// <see cref="ExperimentStaleness"/> would call fresh (copied whole), or to be rescored (copied without the scores
/// that no longer hold, and marked to be scored again); results to run again, failed ones, and those of items the new
/// experiment does not cover are not copied.
/// </summary>
/// <remarks>
/// One commit copies every result, however many: a crash before it leaves neither the experiment nor any copy, so no
/// experiment is ever seen half carried. The copy reads the earlier experiment's results a page at a time inside that
/// commit and judges them against the diff of the two versions, so only the changed items are looked up.
/// </remarks>
internal static class ExperimentCarry
{
    private const int Page = 1000;

    /// <summary>Finds the experiment to carry from, by id, name or <c>#sequence</c>, and checks that it may be.</summary>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/> or <see cref="ErrorCode.IncompatibleExperiments"/>.</exception>
    public static ExperimentRow Source(IStoreReader rows, DatasetRow dataset, string carryFrom, string? taskVersion)
    {
        var source = ExperimentNames.Find(rows, dataset.Key, carryFrom)
            ?? rows.FindExperiment(carryFrom)
            ?? throw Errors.ExperimentNotFound(carryFrom);
        if (source.DatasetKey != dataset.Key)
        {
            throw Errors.IncompatibleExperiments(carryFrom, "it evaluates another dataset");
        }

        if (source.TaskVersion != taskVersion)
        {
            throw Errors.IncompatibleExperiments(carryFrom, $"it ran task version {Describe(source.TaskVersion)}, and this one declares {Describe(taskVersion)}");
        }

        return source;
    }

    /// <summary>Copies the results of <paramref name="source"/> that hold for <paramref name="target"/> (not stored yet); returns how many.</summary>
    public static long Copy(IStoreWriter rows, DatasetRow dataset, ExperimentRow source, ExperimentRow target, StalenessRules rules)
    {
        var sourceScope = source.Filter is null ? null : ExperimentScope.FromStored(source.Filter);
        var targetScope = target.Filter is null ? null : ExperimentScope.FromStored(target.Filter);
        var items = StaleItem.FromDiff(rows, dataset, source, target.DatasetVersion, sourceScope, rules);
        var declared = ExperimentScorers.FromStored(target.Scorers);
        long carried = 0;
        var after = ResultKey.Start;
        while (rows.Results(source.Id, after, Page) is { Count: > 0 } page)
        {
            after = page[^1].Key;

            // Each copy is stamped with its item's revision live at the target, which a restore may have made anew with the same content.
            var live = rows.LatestRevisions(dataset.Key, [.. page.Select(r => r.ItemId).Distinct(StringComparer.Ordinal)], target.DatasetVersion)
                .Where(r => r.IsLiveAt(target.DatasetVersion)).ToDictionary(r => r.ItemId, StringComparer.Ordinal);
            var copies = new List<ResultRow>();
            foreach (var result in page.Where(r => r.Repetition < target.Repetitions && !r.Failed))
            {
                var item = items.GetValueOrDefault(result.Seq);
                if (!live.TryGetValue(result.ItemId, out var revision) || item?.State == StalenessState.Orphaned || !(targetScope?.Matches(revision) ?? true))
                {
                    continue;
                }

                var stale = declared.Count == 0 ? [] : ResultBody.Read(result.Body, result.RecordedAt).Scores
                    .Where(s => declared.TryGetValue(s.Name, out var version) && s.ScorerVersion != version).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
                // A result the source carried and has not scored again yet stays waiting in the copy.
                var awaiting = source.Carried > 0 && ResultBody.Read(result.Body, result.RecordedAt).Rescore;
                var state = StaleItem.Judge(item, recorded: true, failed: false, stale.Count > 0, awaiting);
                if (state is not (StalenessState.Fresh or StalenessState.Rescore or StalenessState.RescoreScorer))
                {
                    continue;
                }

                Func<string, bool>? drop = item?.State == StalenessState.Rescore ? _ => true
                    : stale.Count > 0 ? stale.Contains
                    : awaiting ? _ => false
                    : null;
                copies.Add(result with
                {
                    ExperimentId = target.Id,
                    ItemVersion = revision.ValidFrom,
                    ItemHash = revision.Hash,
                    Attempt = 1,
                    Body = ResultCarry.Body(result.Body, source.Id, drop),
                });
            }

            rows.WriteResults(copies);
            carried += copies.Count;
        }

        return carried;
    }

    private static string Describe(string? taskVersion) => taskVersion is null ? "none" : $"'{taskVersion}'";
}
