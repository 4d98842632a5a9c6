using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>Keeps the README's Microsoft.Extensions.AI.Evaluation example compiling and true: the code between the markers is the README's.</summary>
[TestFixture]
public sealed partial class ReadmeExampleTests
{
    [Test]
    public async Task EvaluationExample_SecondRunComesFromTheCache()
    {
        var path = Path.Combine(Path.GetTempPath(), "litedatasets-readme-" + Guid.NewGuid().ToString("N") + ".litedb");
        using (var seed = DatasetStore.Open(path))
        {
            var ds = seed.CreateDataset(new DatasetDefinition("qa-golden"));
            seed.AddItems(ds.Id, [
                new ItemDraft(JsonValue.Create("2+2")) { ExpectedOutput = JsonValue.Create("4") },
                new ItemDraft(JsonValue.Create("capital of France?")) { ExpectedOutput = JsonValue.Create("Paris") },
            ]);
        }

        var chatClient = new FakeChatClient((prompt, _, _) => Task.FromResult(prompt == "2+2" ? "4" : "Lyon"));
        var judgeClient = new FakeChatClient((_, _, _) => Task.FromResult("unused"));
        IEvaluator evaluator = new ExactMatchEvaluator();
        var reports = new List<EvaluationRunReport>();
        var summaries = new List<ExperimentSummary>();
        for (var pass = 0; pass < 2; pass++)
        {
            // README example begins
            using var store = DatasetStore.Open(path);
            var ds = store.FindDataset("qa-golden")!;
            var run = store.CreateExperiment(ds.Id, new ExperimentDefinition { TaskVersion = "my-model@1" });
            using var model = new DistributedCachingChatClient(chatClient, StoreDistributedCache.Global(store));  // answers kept in the store
            var runner = new EvaluationRunner(store, new EvaluationRunnerOptions
            {
                Respond = (item, ct) => model.GetResponseAsync(item.Input.GetValue<string>(), cancellationToken: ct),
                Evaluator = evaluator,                                     // any IEvaluator: its metrics become scores
                Judge = new ChatConfiguration(judgeClient),                // for evaluators that ask a model
                Contexts = item => [new ExpectedAnswer(item.ExpectedOutput!.GetValue<string>())],
                MaxConcurrency = 8, ItemTimeout = TimeSpan.FromMinutes(2), Retries = 2,
            });
            var report = await runner.RunAsync(run.Id);                    // Completed, CompletedWithErrors or Cancelled
            var summary = store.Summarize(run.Id);                         // summary.Usage spent, summary.CachedUsage saved
            store.CompleteExperiment(run.Id, ExperimentStatus.Completed);
            // README example ends
            reports.Add(report);
            summaries.Add(summary);
        }

        File.Delete(path);
        Assert.Multiple(() =>
        {
            Assert.That(reports.Select(r => (r.Status, r.Recorded, r.CacheHits)), Is.EqualTo(new[] { (EvaluationRunStatus.Completed, 2L, 0L), (EvaluationRunStatus.Completed, 2L, 2L) }));
            Assert.That(chatClient.Total, Is.EqualTo(2), "The second run was answered from the store.");
            Assert.That(summaries.Select(s => s.Scores.Single(x => x.Name == "exact").PassRate), Is.All.EqualTo(0.5));
            Assert.That(summaries.Select(s => (s.Usage.InputTokens, s.CachedUsage.InputTokens)), Is.EqualTo(new[] { (20L, 0L), (0L, 20L) }));
        });
    }

    [Test]
    public void EvaluationExample_MatchesTheReadme()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LiteDatasets.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository's root was not found above the tests.");
        }

        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var source = File.ReadAllText(Path.Combine(root, "tests", "LiteDatasets.Extensions.AI.Tests", "ReadmeExampleTests.cs"));
        var inReadme = ReadmeBlock().Match(readme).Groups[1].Value;
        var inTest = TestBlock().Match(source).Groups[1].Value;

        Assert.That(Normalise(inReadme), Is.EqualTo(Normalise(inTest)).And.Not.Empty);
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"<!-- evaluation example -->\s*```csharp\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README example begins\s*\n(.*?)\s*// README example ends", RegexOptions.Singleline)]
    private static partial Regex TestBlock();
}
