using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>
/// The time a schema's regular expressions may take is bounded per call (a write, a schema change), not per match:
/// a call whose items each run into the per-match limit stops once the call's budget (1 s by default) is spent.
/// </summary>
public sealed partial class StoreContract
{
    private const string CatastrophicPatternSchema = """{"type":"string","pattern":"^(a+)+$"}""";

    /// <summary>How far past the budget a refusal may come on a slow, busy machine (never a lower bound).</summary>
    private static readonly TimeSpan BudgetHeadroom = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan DefaultPatternTimeBudget = TimeSpan.FromSeconds(1);

    /// <summary>A string on which <c>^(a+)+$</c> backtracks for far longer than any limit.</summary>
    private static string Catastrophic => new string('a', 40) + "!";

    [Test]
    public void AddItems_ManyDraftsEachRunningIntoThePatternLimit_IsRefusedWithinTheCallsBudget()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("regex") { InputSchema = Node(CatastrophicPatternSchema) });
        var drafts = Enumerable.Range(0, 20).Select(_ => new ItemDraft(JsonValue.Create(Catastrophic))).ToList();

        var (error, took) = TimedSchemaRefusal(ds.Id, () => Store.AddItems(ds.Id, drafts));

        var last = error.Failures[^1];
        Assert.Multiple(() =>
        {
            Assert.That(took, Is.LessThan(DefaultPatternTimeBudget + BudgetHeadroom), "the refusal comes once the budget is spent");
            Assert.That(error.FailingItemCount, Is.LessThan(drafts.Count), "the call stops checking once its budget is spent");
            Assert.That((last.ItemIndex, last.Path), Is.EqualTo(((int?)error.FailingItemCount - 1, "/input")));
            Assert.That(last.Message, Does.Contain("time budget"));
            Assert.That(error.Message, Does.Contain($"draft {last.ItemIndex}").And.Contain("time budget").And.Contain("PatternTimeBudget"));
        });
    }

    [Test]
    public void UpdateDataset_PatternSlowOverManyItems_IsRefusedWithinTheCallsBudget()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, Enumerable.Range(0, 20).Select(i => new ItemDraft(JsonValue.Create(Catastrophic)) { Id = $"item-{i:00}" }).ToList());

        var (error, took) = TimedSchemaRefusal(ds.Id, () => Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = Node(CatastrophicPatternSchema) }));

        var last = error.Failures[^1];
        Assert.Multiple(() =>
        {
            Assert.That(took, Is.LessThan(DefaultPatternTimeBudget + BudgetHeadroom), "the refusal comes once the budget is spent");
            Assert.That(error.FailingItemCount, Is.LessThan(20), "the change stops checking once its budget is spent");
            Assert.That(last.ItemId, Does.StartWith("item-"));
            Assert.That(error.Message, Does.Contain($"item '{last.ItemId}'").And.Contain("time budget").And.Contain("PatternTimeBudget"));
        });
    }

    [Test]
    public void AddItems_PatternsWithinTheBudget_AreCheckedAsUsual()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("regex") { InputSchema = Node("""{"type":"string","pattern":"^[a-z]+-[0-9]+$"}""") });
        var drafts = Enumerable.Range(0, 2000).Select(i => new ItemDraft(JsonValue.Create($"item-{i}"))).Append(new ItemDraft(JsonValue.Create("Item 7"))).ToList();

        var error = (SchemaViolationException)AssertRefused(ds.Id, ErrorCode.SchemaViolation, () => Store.AddItems(ds.Id, drafts));

        Assert.That(error.Failures.Select(f => (f.ItemIndex, f.Path)), Is.EqualTo(new[] { ((int?)2000, "/input") }));
    }

    /// <summary>Runs a call that must be refused with <see cref="ErrorCode.SchemaViolation"/>, writing nothing; returns the error and how long the call took.</summary>
    private (SchemaViolationException Error, TimeSpan Took) TimedSchemaRefusal(string datasetId, Action call)
    {
        var took = TimeSpan.Zero;
        var error = AssertRefused(datasetId, ErrorCode.SchemaViolation, () =>
        {
            var watch = Stopwatch.StartNew();
            try
            {
                call();
            }
            finally
            {
                took = watch.Elapsed;
            }
        });
        Assert.That(error, Is.InstanceOf<SchemaViolationException>());
        return ((SchemaViolationException)error, took);
    }
}
