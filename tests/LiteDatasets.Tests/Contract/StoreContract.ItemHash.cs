using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary><see cref="ItemHash.Of"/>: the hash a store stamps results with, computed from the item as read back.</summary>
public sealed partial class StoreContract
{
    [Test]
    public void ItemHashOf_ItemsReadBack_IsTheHashResultsAreStampedWith()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [
            new ItemDraft(JsonNode.Parse("""{"b":1.50,"a":[1e2,"x"]}""")!) { ExternalId = "k", ExpectedOutput = JsonValue.Create("é"), Metadata = new JsonObject { ["z"] = null } },
            new ItemDraft(JsonValue.Create(9007199254740993m)),
        ]).Items;
        var experiment = NewExperiment(ds.Id);
        Store.RecordResults(experiment.Id, items.Select(i => new ResultDraft(i.Id)));

        var stamped = Store.ReadResults(experiment.Id).ToDictionary(r => r.ItemId, r => r.ItemHash);
        Assert.That(Store.ReadItems(ds.Id).ToDictionary(i => i.Id, ItemHash.Of), Is.EqualTo(stamped));
    }

    [Test]
    public void ItemHashOf_SameContentOtherKeyOrder_IsTheSameHash()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"a":1,"b":2}""")!)).Items[0];

        var reordered = item with { Input = JsonNode.Parse("""{ "b": 2, "a": 1 }""")! };
        var otherId = item with { Id = "another" };

        Assert.Multiple(() =>
        {
            Assert.That(ItemHash.Of(reordered), Is.EqualTo(ItemHash.Of(item)));
            Assert.That(ItemHash.Of(otherId), Is.Not.EqualTo(ItemHash.Of(item)));
        });
    }
}
