using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LiteDatasets.Tests;

/// <summary>Keeps the README's evaluation-harness example compiling and true: the code between the markers is the README's.</summary>
public sealed partial class ReadmeHarnessExampleTests
{
    [Test]
    public async Task HarnessExample_RecordsEveryPendingRunAndSummarises()
    {
        using var directory = new TempDirectory();
        var path = directory.File("evals.litedb");
        using (var seed = DatasetStore.Open(path))
        {
            var ds = seed.CreateDataset(new DatasetDefinition("qa-golden"));
            seed.AddItems(ds.Id, [
                new ItemDraft(JsonValue.Create("2+2")) { ExpectedOutput = JsonValue.Create("4") },
                new ItemDraft(JsonValue.Create("3+3")) { ExpectedOutput = JsonValue.Create("6") },
                new ItemDraft(JsonValue.Create("capital of France?")) { ExpectedOutput = JsonValue.Create("Paris") },
            ]);
            seed.TagVersion(ds.Id, 1, "golden");
        }

        static Task<JsonNode> AnswerAsync(JsonNode input) =>
            Task.FromResult<JsonNode>(JsonValue.Create(input.GetValue<string>() == "2+2" ? "4" : "I do not know"));
        ExperimentSummary summary;

        // README example begins
        using (var store = DatasetStore.Open(path))
        {
            var ds = store.FindDataset("qa-golden")!;
            var run = store.CreateExperiment(ds.Id, new ExperimentDefinition { Tag = "golden", TaskVersion = "my-model@1" });
            await using (var recorder = store.OpenRecorder(run.Id))           // one commit per batch of results
            {
                foreach (var work in store.GetPendingWork(run.Id))             // runs without a (successful) result
                {
                    var answer = await AnswerAsync(work.Item.Input);           // the system under test
                    var exact = JsonNode.DeepEquals(answer, work.Item.ExpectedOutput);
                    recorder.Add(new ResultDraft(work.Item.Id) { Repetition = work.Repetition, Output = answer, Scores = [new ScoreDraft("exact") { Passed = exact }] });
                }
            }

            summary = store.Summarize(run.Id);                                 // summary.Scores[0].PassRate, .Latency, .Usage
            store.CompleteExperiment(run.Id, ExperimentStatus.Completed);
        }
        // README example ends

        Assert.Multiple(() =>
        {
            Assert.That((summary.Expected, summary.Recorded, summary.Missing), Is.EqualTo((3L, 3L, 0L)));
            Assert.That(summary.Scores.Single().PassRate, Is.EqualTo(1.0 / 3).Within(1e-12));
        });
    }

    [Test]
    public void HarnessExample_MatchesTheReadme()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        var source = File.ReadAllText(Repository.File("tests", "LiteDatasets.Tests", "ReadmeHarnessExampleTests.cs"));
        var inReadme = ReadmeBlock().Match(readme).Groups[1].Value;
        var inTest = TestBlock().Match(source).Groups[1].Value;

        Assert.That(Normalise(inReadme), Is.EqualTo(Normalise(inTest)).And.Not.Empty);
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"<!-- harness example -->\s*```csharp\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README example begins\s*\n(.*?)\s*// README example ends", RegexOptions.Singleline)]
    private static partial Regex TestBlock();
}
