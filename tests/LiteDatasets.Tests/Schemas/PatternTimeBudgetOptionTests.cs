using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Schemas;

/// <summary>
/// <see cref="DatasetStoreOptions.PatternTimeBudget"/>: the values it takes, a budget below the per-match limit, no
/// budget at all, and validation without patterns, which no budget limits.
/// </summary>
[TestFixture]
public sealed class PatternTimeBudgetOptionTests
{
    private static readonly JsonNode CatastrophicSchema = JsonNode.Parse("""{"type":"string","pattern":"^(a+)+$"}""")!;

    private static string Catastrophic => new string('a', 40) + "!";

    [TestCase(0)]
    [TestCase(-5)]
    public void Open_BudgetNotPositive_IsRefused(int milliseconds)
    {
        var options = new DatasetStoreOptions { PatternTimeBudget = TimeSpan.FromMilliseconds(milliseconds) };
        using var directory = new TempDirectory();

        Assert.Multiple(() =>
        {
            Assert.That(() => DatasetStore.OpenInMemory(options).Dispose(), Throws.TypeOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.PatternTimeBudget"));
            Assert.That(() => DatasetStore.Open(options with { Path = directory.File("s.litedb") }).Dispose(), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(File.Exists(directory.File("s.litedb")), Is.False, "nothing was created");
        });
    }

    [Test]
    public void Options_Default_IsOneSecond() =>
        Assert.That(new DatasetStoreOptions().PatternTimeBudget, Is.EqualTo(TimeSpan.FromSeconds(1)));

    [Test]
    public void AddItems_BudgetBelowTheMatchLimit_TheFirstSlowMatchSpendsIt()
    {
        using var store = DatasetStore.OpenInMemory(new DatasetStoreOptions { PatternTimeBudget = TimeSpan.FromMilliseconds(50) });
        var ds = store.CreateDataset(new DatasetDefinition("regex") { InputSchema = CatastrophicSchema.DeepClone() }).Id;

        var error = Assert.Throws<SchemaViolationException>(() => store.AddItems(ds, [new ItemDraft(JsonValue.Create(Catastrophic)), new ItemDraft(JsonValue.Create("aa"))]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Select(f => (f.ItemIndex, f.Path)), Is.EqualTo(new[] { ((int?)0, "/input") }));
            Assert.That(error.Failures[0].Message, Does.Contain("time budget of the call (50 ms)"));
            Assert.That(error.Message, Does.Contain("draft 0").And.Contain("50 ms").And.Contain("PatternTimeBudget"));
        });
    }

    [Test]
    public void AddItems_NoBudget_EachSlowMatchFailsItsValueAndEveryDraftIsChecked()
    {
        using var store = DatasetStore.OpenInMemory(new DatasetStoreOptions { PatternTimeBudget = Timeout.InfiniteTimeSpan });
        var ds = store.CreateDataset(new DatasetDefinition("regex") { InputSchema = CatastrophicSchema.DeepClone() }).Id;
        ItemDraft[] drafts = [new(JsonValue.Create(Catastrophic)), new(JsonValue.Create("aa")), new(JsonValue.Create(Catastrophic)), new(JsonValue.Create(Catastrophic))];

        var error = Assert.Throws<SchemaViolationException>(() => store.AddItems(ds, drafts));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Select(f => f.ItemIndex), Is.EqualTo(new int?[] { 0, 2, 3 }));
            Assert.That(error.Failures.Select(f => f.Message), Is.All.Contain("took longer than 200 ms"));
            Assert.That(error.Message, Does.Not.Contain("budget"));
        });
    }

    [Test]
    public void AddItems_TinyBudgetAndASchemaWithoutPatterns_IsNotTimeLimited()
    {
        // Thousands of comparisons per item (uniqueItems), far longer than the budget: only pattern matching counts.
        using var store = DatasetStore.OpenInMemory(new DatasetStoreOptions { PatternTimeBudget = TimeSpan.FromMilliseconds(1) });
        var schema = JsonNode.Parse("""{"type":"array","uniqueItems":true,"items":{"type":"object","required":["n"],"properties":{"n":{"type":"integer","minimum":0}}}}""");
        var ds = store.CreateDataset(new DatasetDefinition("heavy") { InputSchema = schema }).Id;
        var drafts = Enumerable.Range(0, 200).Select(i => new ItemDraft(new JsonArray([.. Enumerable.Range(0, 200).Select(n => (JsonNode)new JsonObject { ["n"] = n, ["i"] = i })]))).ToList();

        var commit = store.AddItems(ds, drafts);

        Assert.That(commit.Added, Is.EqualTo(200));
    }
}
