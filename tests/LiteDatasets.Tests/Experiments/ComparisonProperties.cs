// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

using System.Text.Json;

namespace LiteDatasets.Tests.Experiments;

/// <summary>
/// The comparison of two experiments agrees with a brute-force oracle (<see cref="ComparisonOracle"/>) on generated
/// cases: repetitions, missing sides, failed runs, items edited between the two pins, several scores in both
/// directions. FsCheck reports the replay seed of a failing case.
/// </summary>
[TestFixture]
public sealed class ComparisonProperties
{
    private const string Seed = "(20261204,1207)";

    private DatasetStore _store = null!;
    private int _case;

    [OneTimeSetUp]
    public void OpenStore() => _store = DatasetStore.OpenInMemory();

    [OneTimeTearDown]
    public void CloseStore() => _store.Dispose();

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(ComparisonArbitraries) }, MaxTest = 60, Replay = Seed, QuietOnSuccess = true)]
    public void CompareExperiments_GeneratedResults_AgreesWithTheOracle(ComparisonCase generated)
    {
        var (_, baseline, candidate) = generated.Play(_store, "compare-" + _case++);

        var comparison = _store.CompareExperiments(baseline.Id, candidate.Id, generated.Options);

        var order = generated.ItemIds;
        var summary = new List<string>
        {
            $"compared {comparison.Compared}",
            $"changed {comparison.ContentChanged}",
            $"only-baseline {comparison.OnlyInBaseline}",
            $"only-candidate {comparison.OnlyInCandidate}",
        };
        summary.AddRange(comparison.Scores.Select(ComparisonOracle.DescribeScore));
        Assert.Multiple(() =>
        {
            Assert.That(comparison.Items.Select(ComparisonOracle.Describe), Is.EqualTo(ComparisonOracle.Items(_store, baseline, candidate, order, generated.Options)), "the items");
            Assert.That(summary, Is.EqualTo(ComparisonOracle.Summary(_store, baseline, candidate, order, generated.Options)), "the summary");
            Assert.That(comparison.HasRegression, Is.EqualTo(ComparisonOracle.HasRegression(_store, baseline, candidate, order, generated.Options)), "HasRegression");
            Assert.That(
                new[] { comparison.Baseline.Summary, comparison.Candidate.Summary }.Select(s => JsonSerializer.Serialize(s)),
                Is.EqualTo(new[] { _store.Summarize(baseline.Id), _store.Summarize(candidate.Id) }.Select(s => JsonSerializer.Serialize(s))),
                "the sides' summaries");
        });
    }
}
