namespace LiteDatasets.Tests.Contract;

// Results served from a response cache: their usage is summed apart from what the experiment spent.
public sealed partial class StoreContract
{
    [Test]
    public void Summarize_ResultsServedFromACache_CountTheirUsageApart()
    {
        var (_, items, experiment) = ExperimentWithItems(4);
        Store.RecordResults(experiment.Id, items.Select((item, i) => new ResultDraft(item.Id)
        {
            CacheHit = i switch { 0 => true, 1 => false, 2 => null, _ => true },
            Usage = new ResultUsage { InputTokens = 1 << i, Cost = 1 << i, Currency = "USD" },
        }));

        var summary = Store.Summarize(experiment.Id);

        Assert.Multiple(() =>
        {
            Assert.That(summary.Usage.InputTokens, Is.EqualTo(2 + 4), "items 2 and 3 were run");
            Assert.That(summary.Usage.Costs, Is.EqualTo(new[] { new CostTotal("USD", 6m, 2) }));
            Assert.That(summary.CachedUsage.InputTokens, Is.EqualTo(1 + 8), "items 1 and 4 came from the cache");
            Assert.That(summary.CachedUsage.Costs, Is.EqualTo(new[] { new CostTotal("USD", 9m, 2) }));
            Assert.That(summary.Recorded, Is.EqualTo(4));
        });
    }
}
