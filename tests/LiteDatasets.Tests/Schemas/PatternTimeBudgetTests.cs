using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Schemas;

/// <summary>
/// Stores opened with a pattern-matching budget of 500 ms per call (above the 200 ms one match may take), on every
/// engine: a call stops once its regular expressions have spent the budget, wherever they are (<c>pattern</c>,
/// <c>patternProperties</c>), and every call has a budget of its own.
/// </summary>
[TestFixtureSource(typeof(StoreFactory), nameof(StoreFactory.All))]
public sealed class PatternTimeBudgetTests(StoreFactory factory)
{
    private const string CatastrophicPattern = "^(a+)+$";

    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(500);

    /// <summary>How far past the budget a refusal may come on a slow, busy machine (never a lower bound).</summary>
    private static readonly TimeSpan Headroom = TimeSpan.FromSeconds(2);

    private IDatasetStore Store { get; set; } = null!;

    /// <summary>A string on which the catastrophic pattern backtracks for far longer than any limit.</summary>
    private static string Catastrophic => new string('a', 40) + "!";

    [SetUp]
    public void OpenStore() => Store = factory.Open(TimeProvider.System, Budget);

    [TearDown]
    public void CloseStore()
    {
        Store.Dispose();
        factory.Cleanup();
    }

    [Test]
    public void AddItems_TwentyDraftsEachRunningIntoThePatternLimit_StopsWithinTheBudget()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("regex") { InputSchema = StringPattern(CatastrophicPattern) }).Id;
        var drafts = Enumerable.Range(0, 20).Select(_ => new ItemDraft(JsonValue.Create(Catastrophic))).ToList();

        var (error, took) = Refused(() => Store.AddItems(ds, drafts));

        var last = error.Failures[^1];
        Assert.Multiple(() =>
        {
            Assert.That(took, Is.LessThan(Budget + Headroom));
            Assert.That(error.FailingItemCount, Is.InRange(1, 3), "two matches may take their 200 ms; the next only what is left");
            Assert.That(last.ItemIndex, Is.EqualTo(error.FailingItemCount - 1));
            Assert.That(error.Message, Does.Contain($"draft {last.ItemIndex}").And.Contain("500 ms").And.Contain("PatternTimeBudget"));
            Assert.That(Store.GetDataset(ds)!.Version, Is.Zero, "nothing was written");
        });
    }

    [Test]
    public void UpdateDataset_PatternPropertiesSlowOverManyItems_IsRefusedWithinTheBudget()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("keys")).Id;
        Store.AddItems(ds, Enumerable.Range(0, 20).Select(i => new ItemDraft(new JsonObject { [Catastrophic] = i }) { Id = $"item-{i:00}" }).ToList());
        var schema = new JsonObject { ["type"] = "object", ["patternProperties"] = new JsonObject { [CatastrophicPattern] = new JsonObject { ["type"] = "integer" } } };

        var (error, took) = Refused(() => Store.UpdateDataset(ds, new DatasetUpdate { InputSchema = schema }));

        var last = error.Failures[^1];
        Assert.Multiple(() =>
        {
            Assert.That(took, Is.LessThan(Budget + Headroom));
            Assert.That(error.FailingItemCount, Is.InRange(1, 3));
            Assert.That(error.Message, Does.Contain($"item '{last.ItemId}'").And.Contain("PatternTimeBudget"));
            Assert.That((Store.GetDataset(ds)!.InputSchema, Store.GetDataset(ds)!.Version), Is.EqualTo(((JsonNode?)null, 1L)), "the schema is unchanged");
        });
    }

    [Test]
    public void AddItems_AfterACallSpentItsBudget_HasABudgetOfItsOwn()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("regex") { InputSchema = StringPattern(CatastrophicPattern) }).Id;
        Refused(() => Store.AddItems(ds, Enumerable.Range(0, 20).Select(_ => new ItemDraft(JsonValue.Create(Catastrophic))).ToList()));

        var commit = Store.AddItems(ds, [new ItemDraft(JsonValue.Create("aaaa")), new ItemDraft(JsonValue.Create("aa"))]);

        Assert.That((commit.Created, commit.Added), Is.EqualTo((true, 2)));
    }

    private static JsonNode StringPattern(string pattern) => new JsonObject { ["type"] = "string", ["pattern"] = pattern };

    /// <summary>Runs a call that must be refused with a <see cref="SchemaViolationException"/>; returns it and how long the call took.</summary>
    private static (SchemaViolationException Error, TimeSpan Took) Refused(Action call)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<SchemaViolationException>(() => call());
        return (error!, watch.Elapsed);
    }
}
