using System.Text;
using LiteDatasets.Storage;

namespace LiteDatasets.Tests.Contract;

/// <summary>Verify and results: rows planted behind the store's back (through the storage port) are reported.</summary>
public sealed partial class StoreContract
{
    /// <summary>Writes result rows as they are, with no rule applied (as damage or an older release might leave them).</summary>
    private void PlantResults(params ResultRow[] rows) =>
        ((DatasetStoreBase)Store).Storage.WriteRowLocked(writer =>
        {
            writer.WriteResults(rows);
            return (0, true);
        });

    private IReadOnlyList<ResultRow> StoredResults(string experimentId) =>
        ((DatasetStoreBase)Store).Storage.Read(reader => reader.Results(experimentId, ResultKey.Start, 1000));

    [Test]
    public void Verify_ResultsWithTheirCounters_AreClean()
    {
        var (_, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id) { Output = Node("1") }));
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Repetition = 1, Error = new ResultError("x") });

        Assert.That(VerifyProblems(), Is.Empty);
    }

    [Test]
    public void Verify_ResultsChangedBehindTheStoresBack_AreReported()
    {
        var (_, items, experiment) = ExperimentWithItems(3, new ExperimentDefinition { Repetitions = 2 });
        Store.RecordResults(experiment.Id, [new ResultDraft(items[0].Id), new ResultDraft(items[1].Id), new ResultDraft(items[2].Id) { Error = new ResultError("x") }]);
        var stored = StoredResults(experiment.Id);

        PlantResults(
            stored[0] with { ItemHash = new byte[32] },
            stored[1] with { Repetition = 5 },
            stored[2] with { Failed = false },
            stored[0] with { ItemId = "ghost", Seq = 99 },
            stored[1] with { Repetition = 1, Body = Encoding.UTF8.GetBytes("{not json") });

        var problems = VerifyProblems().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.One.Contains($"item '{items[0].Id}', repetition 0,").And.Contains("is stamped with version 1"));
            Assert.That(problems, Has.One.Contains($"item '{items[1].Id}', repetition 5,").And.Contains("repetitions 0 to 1"));
            Assert.That(problems, Has.One.Contains($"item '{items[2].Id}', repetition 0,").And.Contains("marked as succeeded, but it has an error"));
            Assert.That(problems, Has.One.Contains("item 'ghost', repetition 0,").And.Contains("names no item live at the pinned version 1"));
            Assert.That(problems, Has.One.Contains($"item '{items[1].Id}', repetition 1,").And.Contains("cannot be read"));
            Assert.That(problems, Has.One.Contains("counts 3 recorded, 2 succeeded and 1 failed runs, but its results are 6, 6 and 0"));
        });
    }

    [Test]
    public void Verify_ResultsOfAnExperimentThatIsGone_AreReported()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id));
        var stored = StoredResults(experiment.Id)[0];

        PlantResults(stored with { ExperimentId = "gone" });

        Assert.That(VerifyProblems(), Has.One.Match("experiment 'gone'|rows of table results belong to no experiment"));
    }

    [Test]
    public void Verify_ResultWithAScoreNameTwice_IsReported()
    {
        var (_, items, experiment) = ExperimentWithItems(1);
        Store.RecordResult(experiment.Id, new ResultDraft(items[0].Id) { Scores = [new ScoreDraft("exact") { Value = 1 }, new ScoreDraft("Exact") { Value = 0 }] });
        Store.RecordScores(experiment.Id, items[0].Id, 0, [new ScoreDraft("judge") { Passed = true }]);
        var stored = StoredResults(experiment.Id)[0];
        var cleanBefore = VerifyProblems().ToList();

        PlantResults(stored with { Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored.Body).Replace("\"Exact\"", "\"exact\"", StringComparison.Ordinal)) });

        Assert.Multiple(() =>
        {
            Assert.That(cleanBefore, Is.Empty, "scores added later, with times of their own, verify clean");
            Assert.That(VerifyProblems(), Has.One.Contains($"item '{items[0].Id}', repetition 0,").And.Contains("more than one score named 'exact'"));
        });
    }
}
