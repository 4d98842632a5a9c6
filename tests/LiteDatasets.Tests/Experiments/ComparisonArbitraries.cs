using FsCheck;
using FsCheck.Fluent;
using Case = LiteDatasets.Tests.ComparisonCase;

namespace LiteDatasets.Tests.Experiments;

/// <summary>Generates <see cref="ComparisonCase"/>s, and registers them with FsCheck.</summary>
public static class ComparisonArbitraries
{
    // "acc" is higher-is-better, "loss" lower-is-better, "judge" gives verdicts mostly; values on a coarse grid, so
    // that ties and moves of exactly the minimum delta occur.
    private static readonly string[] ScoreNames = ["acc", "loss", "judge"];

    /// <summary>Gets cases of up to 45 items (so that some scores have 30 pairs), one to three repetitions a side.</summary>
    public static Gen<Case> Cases =>
        from items in Gen.Choose(1, 45)
        from edits in Gen.ListOf(Gen.Frequency(
            (6, Gen.Constant(Case.Edit.None)),
            (1, Gen.Elements(Case.Edit.Input, Case.Edit.ExpectedOutput, Case.Edit.Metadata, Case.Edit.ChangedBack, Case.Edit.Deleted))), items)
        from added in Gen.Choose(0, 3)
        from baselineReps in Gen.Choose(1, 3)
        from candidateReps in Gen.Choose(1, 3)
        from baselineRuns in Gen.ListOf(Run, (items + added) * baselineReps)
        from candidateRuns in Gen.ListOf(Run, (items + added) * candidateReps)
        from options in Options
        select new Case([.. edits], added, baselineReps, candidateReps, [.. baselineRuns], [.. candidateRuns], options);

    public static Arbitrary<Case> Generated() => Arb.From(Cases);

    private static Gen<Case.Run> Run =>
        from missing in Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))
        from failed in Gen.Frequency((1, Gen.Constant(true)), (5, Gen.Constant(false)))
        from acc in Score(ScoreNames[0])
        from loss in Score(ScoreNames[1])
        from judge in Score(ScoreNames[2])
        select new Case.Run(missing, failed, [.. acc, .. loss, .. judge]);

    /// <summary>A score of the name, or (one time in six) none.</summary>
    private static Gen<Case.Score[]> Score(string name) =>
        from given in Gen.Frequency((1, Gen.Constant(false)), (5, Gen.Constant(true)))
        from value in Gen.Frequency((1, Gen.Constant<double?>(null)), (4, Gen.Choose(0, 4).Select(v => (double?)(v / 4.0))))
        from passed in Gen.Elements<bool?>(true, false, null)
        from error in Gen.Frequency((1, Gen.Constant(true)), (9, Gen.Constant(false)))
        select given ? new[] { new Case.Score(name, value, passed, error) } : [];

    private static Gen<CompareOptions> Options =>
        from lossDelta in Gen.Elements(0.0, 0.25, 0.3)
        from accTolerance in Gen.Elements(0.0, 0.05, 0.25)
        from include in Gen.Elements(false, true)
        select new CompareOptions
        {
            IncludeContentChanged = include,
            Scores = new Dictionary<string, ScoreCompareOptions>
            {
                ["acc"] = new() { Tolerance = accTolerance },
                ["loss"] = new() { Direction = ScoreDirection.LowerIsBetter, MinDelta = lossDelta },
            },
        };
}
