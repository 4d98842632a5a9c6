using FsCheck;
using FsCheck.Fluent;

namespace LiteDatasets.Tests.Contract;

/// <summary>Generates <see cref="StaleCase"/>s and registers them with FsCheck.</summary>
public static class StalenessArbitraries
{
    private static Gen<StaleEdit> Edit =>
        from op in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(1, 4)), (1, Gen.Choose(5, 8)), (1, Gen.Constant(5)))
        from item in Gen.Choose(0, 9)
        from value in Gen.Choose(0, 3)
        select new StaleEdit(op, item, value);

    /// <summary>Gets cases of up to six items, a few edits before the pin and up to a dozen after it.</summary>
    public static Gen<StaleCase> Cases =>
        from items in Gen.Choose(1, 6)
        from before in Gen.Choose(0, 3).SelectMany(n => Gen.ListOf(Edit, n))
        from after in Gen.Choose(0, 12).SelectMany(n => Gen.ListOf(Edit, n))
        from repetitions in Gen.Choose(1, 2)
        from filtered in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from recording in Gen.Choose(0, 1)
        from policy in Gen.Choose(0, 2)
        from seed in Gen.Choose(0, int.MaxValue)
        select new StaleCase(items, [.. before], [.. after], repetitions, filtered, recording, policy, seed);

    public static Arbitrary<StaleCase> StaleCase() => Arb.From(Cases);
}
