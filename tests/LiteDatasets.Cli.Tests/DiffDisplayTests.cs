using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>diff for people: each side of a modification shows a window around the first difference.</summary>
[TestFixture]
public sealed class DiffDisplayTests : CliTestBase
{
    private const string Before = "First add 2 and 2 to get 4. Then multiply 4 by 3 to get 12. So the answer is 12, which is even, and we are done.";

    [Test]
    public void Diff_EditAtTheEndOfALongAnswer_ShowsAWindowAroundTheFirstDifference()
    {
        BuildStore("evals.litedb", store =>
        {
            store.CreateDataset(new DatasetDefinition("qa") { Id = "qa" });
            store.AddItems("qa", [new ItemDraft(JsonValue.Create("2*2*3?")) { Id = "1", ExternalId = "k1", ExpectedOutput = JsonValue.Create(Before) }]);
            store.UpdateItem("qa", "1", new ItemPatch { ExpectedOutput = JsonValue.Create(Before.Replace("is 12, which is even", "is 13, which is odd", StringComparison.Ordinal)) });
        });

        var result = Run("diff", "evals.litedb", "qa", "1", "2");

        Assert.That(result.Output, Is.EqualTo(
            """
            qa version 1 → 2: 0 added, 0 removed, 1 modified.
            ┌───┬──────────────────┬─────────────────┬──────────────────────────────────────────┬──────────────────────────────────────────┐
            │   │ Item (key or id) │ Changed         │ Before                                   │ After                                    │
            ├───┼──────────────────┼─────────────────┼──────────────────────────────────────────┼──────────────────────────────────────────┤
            │ ~ │ k1               │ /expectedOutput │ …nswer is 12, which is even, and we are… │ …nswer is 13, which is odd, and we are … │
            └───┴──────────────────┴─────────────────┴──────────────────────────────────────────┴──────────────────────────────────────────┘

            """));
    }

    [Test]
    public void Diff_EditNearTheStart_ShowsTheStartAsBefore()
    {
        BuildStore("evals.litedb", store =>
        {
            store.CreateDataset(new DatasetDefinition("qa") { Id = "qa" });
            store.AddItems("qa", [new ItemDraft(JsonValue.Create("q")) { Id = "1", ExpectedOutput = JsonValue.Create(Before) }]);
            store.UpdateItem("qa", "1", new ItemPatch { ExpectedOutput = JsonValue.Create("Second" + Before[5..]) });
        });

        var result = Run("diff", "evals.litedb", "qa", "1", "2");

        Assert.That(result.Output, Does.Contain("│ First add 2 and 2 to get 4. Then multip… │ Second add 2 and 2 to get 4. Then multi… │"));
    }
}
