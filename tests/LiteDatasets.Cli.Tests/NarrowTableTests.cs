using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Tables stay readable in an 80-column terminal: each row on one line, dates and numbers whole, long ids
/// shortened (whole with --full-ids or --json).
/// </summary>
[TestFixture]
public sealed class NarrowTableTests : CliTestBase
{
    private const string DatasetId = "0196f0c2-7a4e-7cc1-9d2b-4c1f6f0e3a11";
    private const string ItemId = "0196f0c2-7a4f-7d00-8a07-0b71df4a39b7";

    [SetUp]
    public void BuildGsm8kLikeStore() => BuildStore("evals.litedb", store =>
    {
        store.CreateDataset(new DatasetDefinition("gsm8k") { Id = DatasetId, Description = "Grade-school math word problems, for the narrow-terminal test." });
        store.AddItems(DatasetId, [
            new ItemDraft(JsonValue.Create("Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning.")) { Id = ItemId, ExternalId = "gsm8k-test-0001", ExpectedOutput = JsonValue.Create("Janet sells 16 - 3 - 4 = 9 duck eggs a day.\n#### 18"), Metadata = new JsonObject { ["split"] = "test" } },
            new ItemDraft(JsonValue.Create("A robe takes 2 bolts of blue fiber and half that much white fiber.")) { Id = "2", ExpectedOutput = JsonValue.Create("3") },
        ], new WriteOptions { Message = "Imported gsm8k-sample.jsonl (problems 1–250)" });
    });

    [Test]
    public void Items_At80Columns_OneLinePerItemAndShortIds()
    {
        var result = RunAtWidth(80, "items", "evals.litedb", "gsm8k");

        Assert.That(result.Output, Is.EqualTo(
            """
            ┌───┬──────────────────┬─────────────────┬───────────┬────────────┬────────────┐
            │ # │ Id               │ External id     │ Input     │ Expected   │ Metadata   │
            │   │                  │                 │           │ output     │            │
            ├───┼──────────────────┼─────────────────┼───────────┼────────────┼────────────┤
            │ 1 │ 0196f0c…df4a39b7 │ gsm8k-test-0001 │ Janet’s … │ Janet sel… │ {"split":… │
            │ 2 │ 2                │ -               │ A robe t… │ 3          │ -          │
            └───┴──────────────────┴─────────────────┴───────────┴────────────┴────────────┘
            Items 1–2 of 2 at version 1 of gsm8k.

            """));
    }

    [Test]
    public void Items_FullIds_ShowsIdsWhole()
    {
        var wide = Run("items", "evals.litedb", "gsm8k", "--full-ids");
        var narrow = RunAtWidth(80, "items", "evals.litedb", "gsm8k", "--full-ids");

        Assert.Multiple(() =>
        {
            Assert.That(wide.Output, Does.Contain($"│ 1 │ {ItemId} │ gsm8k-test-0001 │"));
            Assert.That(Lines(narrow.Output).Select(Width), Has.All.LessThanOrEqualTo(80), narrow.Output);
            Assert.That(narrow.Output, Does.Contain("│ 1 │ 0196f0c2-7a4f-7d00-8a07-0b7 │").And.Contain("│   │ 1df4a39b7                   │"));
        });
    }

    [Test]
    public void Versions_At80Columns_KeepNumbersDatesAndFingerprintsWhole()
    {
        var fingerprint = RunJson("versions", "evals.litedb", "gsm8k")["versions"]![0]!["fingerprint"]!.GetValue<string>()[..12];

        var result = RunAtWidth(80, "versions", "evals.litedb", "gsm8k");

        Assert.That(result.Output, Is.EqualTo(
            $"""
            ┌─────────┬────────────┬─────────────┬───┬───┬───┬───────┬──────┬──────────────┐
            │ Version │ Created    │ Message     │ + │ ~ │ - │ Items │ Tags │ Fingerprint  │
            ├─────────┼────────────┼─────────────┼───┼───┼───┼───────┼──────┼──────────────┤
            │       1 │ 2026-01-02 │ Imported    │ 2 │ 0 │ 0 │     2 │      │ {fingerprint} │
            │         │ 03:04:05Z  │ gsm8k-sampl │   │   │   │       │      │              │
            │         │            │ e.jsonl     │   │   │   │       │      │              │
            │         │            │ (problems   │   │   │   │       │      │              │
            │         │            │ 1–250)      │   │   │   │       │      │              │
            └─────────┴────────────┴─────────────┴───┴───┴───┴───────┴──────┴──────────────┘

            """));
    }

    [TestCase("list")]
    [TestCase("info")]
    public void List_At80Columns_ShortensTheDatasetIdAndPutsTheTimeUnderTheDate(string command)
    {
        var shortened = RunAtWidth(80, command, "evals.litedb");
        var whole = Run(command, "evals.litedb", "--full-ids");

        Assert.Multiple(() =>
        {
            Assert.That(Lines(shortened.Output).Select(Width), Has.All.LessThanOrEqualTo(80), shortened.Output);
            Assert.That(shortened.Output, Does.EndWith(
                """
                ┌───────┬──────────────────┬─────────┬───────┬────────────┬────────────────────┐
                │ Name  │ Id               │ Version │ Items │ Updated    │ Description        │
                ├───────┼──────────────────┼─────────┼───────┼────────────┼────────────────────┤
                │ gsm8k │ 0196f0c…6f0e3a11 │       1 │     2 │ 2026-01-02 │ Grade-school math  │
                │       │                  │         │       │ 03:04:05Z  │ word problems, for │
                │       │                  │         │       │            │ the                │
                │       │                  │         │       │            │ narrow-terminal    │
                │       │                  │         │       │            │ test.              │
                └───────┴──────────────────┴─────────┴───────┴────────────┴────────────────────┘

                """));
            Assert.That(whole.Output, Does.Contain($"│ gsm8k │ {DatasetId} │       1 │     2 │ 2026-01-02 03:04:05Z │"));
        });
    }

    [Test]
    public void Diff_At80Columns_OneLinePerChange()
    {
        var result = RunAtWidth(80, "diff", "evals.litedb", "gsm8k", "0", "1");

        Assert.That(result.Output, Is.EqualTo(
            """
            gsm8k version 0 → 1: 2 added, 0 removed, 0 modified.
            ┌───┬──────────────────┬─────────┬────────┬────────────────────────────────────┐
            │   │ Item (key or id) │ Changed │ Before │ After                              │
            ├───┼──────────────────┼─────────┼────────┼────────────────────────────────────┤
            │ + │ gsm8k-test-0001  │         │ -      │ Janet’s ducks lay 16 eggs per day… │
            │ + │ 2                │         │ -      │ A robe takes 2 bolts of blue fibe… │
            └───┴──────────────────┴─────────┴────────┴────────────────────────────────────┘

            """));
    }

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    /// <summary>Gets the columns a line takes in a terminal (every character here is one column wide).</summary>
    private static int Width(string line) => new StringInfo(line).LengthInTextElements;
}
