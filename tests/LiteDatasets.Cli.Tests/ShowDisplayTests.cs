using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>show for people: the panel shows text over its lines; --raw prints payloads as their text, for code and long answers.</summary>
[TestFixture]
public sealed class ShowDisplayTests : CliTestBase
{
    [SetUp]
    public void BuildCodeStore() => BuildStore("evals.litedb", store =>
    {
        store.CreateDataset(new DatasetDefinition("code") { Id = "code" });
        store.AddItems("code", [new ItemDraft(JsonValue.Create("def add(a, b):\n\treturn a + b\n")) { Id = "1", ExternalId = "add", ExpectedOutput = JsonNode.Parse("""{"tests":["add(1, 2) == 3"]}""") }]);
    });

    [Test]
    public void Show_CodeItem_PanelShowsLinesAndTabsAsSpaces()
    {
        var result = Run("show", "evals.litedb", "code", "add");

        Assert.That(result.Output, Is.EqualTo(
            """
            ┌─Item 1 at version 1───────────────────────────────┐
            │ Id               1                                │
            │ External id      add                              │
            │ Input            def add(a, b):                   │
            │                      return a + b                 │
            │                                                   │
            │ Expected output  {                                │
            │                    "tests": [                     │
            │                      "add(1, 2) == 3"             │
            │                    ]                              │
            │                  }                                │
            │ Metadata         -                                │
            │ Content since    version 1 (2026-01-02 03:04:05Z) │
            │ First added      2026-01-02 03:04:05Z             │
            └───────────────────────────────────────────────────┘

            """));
    }

    [Test]
    public void ShowRaw_WithJson_IsAUsageError()
    {
        var result = Run("show", "evals.litedb", "code", "add", "--raw", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.Contain("--raw").And.Contain("--json"));
        });
    }

    [Test]
    public void ShowRaw_CodeItem_PrintsStringsWithRealLineBreaksAndOtherPayloadsAsJson()
    {
        var result = Run("show", "evals.litedb", "code", "add", "--raw");

        Assert.That(result.Output, Is.EqualTo(
            """
            Item 1 (external id add) at version 1
            ── input
            def add(a, b):
            	return a + b
            ── expectedOutput
            {
              "tests": [
                "add(1, 2) == 3"
              ]
            }

            """));
    }
}
