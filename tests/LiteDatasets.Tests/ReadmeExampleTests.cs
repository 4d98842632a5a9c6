using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LiteDatasets.Tests;

/// <summary>Keeps the README's C# example compiling and true: the code between the markers is the README's.</summary>
public sealed partial class ReadmeExampleTests
{
    [Test]
    public void ReadmeExample_Runs_AndReadsOldVersionBack()
    {
        using var directory = new TempDirectory();
        var path = directory.File("evals.litedb");
        string? firstAnswer = null;
        long firstCount = 0;

        // README example begins
        using (var store = DatasetStore.Open(path))
        {
            var ds = store.CreateDataset(new DatasetDefinition("qa-golden") { Description = "Hand-checked QA pairs" });

            var seed = store.AddItems(ds.Id, [
                new ItemDraft(JsonNode.Parse("""{"q":"2+2"}""")!) { ExpectedOutput = JsonValue.Create("4") },
                new ItemDraft(JsonValue.Create("capital of France?")) { ExternalId = "geo-1", ExpectedOutput = JsonValue.Create("Paris") },
            ], new WriteOptions { Message = "seed" });                       // version 1

            var math = seed.Items[0];
            store.UpdateItem(ds.Id, math.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("four") }); // version 2
            store.TagVersion(ds.Id, 1, "golden");

            // Any version reads back exactly as it was.
            var golden = store.ResolveVersion(ds.Id, "golden");
            firstAnswer = store.GetItem(ds.Id, math.Id, golden)!.ExpectedOutput!.ToJsonString(); // "4"
            firstCount = store.ListItems(ds.Id, new ItemQuery { Tag = "golden" }).Total;          // 2
            foreach (var item in store.ReadItems(ds.Id))                                           // streams version 2
            {
                Console.WriteLine($"{item.Id}: {item.Input.ToJsonString()} -> {item.ExpectedOutput?.ToJsonString()}");
            }
        }
        // README example ends

        Assert.Multiple(() =>
        {
            Assert.That(firstAnswer, Is.EqualTo("\"4\""));
            Assert.That(firstCount, Is.EqualTo(2));
        });
    }

    [Test]
    public void ReadmeExample_MatchesTheReadme()
    {
        var readme = File.ReadAllText(Repository.File("README.md"));
        var source = File.ReadAllText(Repository.File("tests", "LiteDatasets.Tests", "ReadmeExampleTests.cs"));
        var inReadme = ReadmeBlock().Match(readme).Groups[1].Value;
        var inTest = TestBlock().Match(source).Groups[1].Value;

        Assert.That(Normalise(inReadme), Is.EqualTo(Normalise(inTest)).And.Not.Empty);
    }

    private static string Normalise(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex(@"<!-- example -->\s*```csharp\s*\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README example begins\s*\n(.*?)\s*// README example ends", RegexOptions.Singleline)]
    private static partial Regex TestBlock();
}
