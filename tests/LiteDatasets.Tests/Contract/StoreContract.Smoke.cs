using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

public sealed partial class StoreContract
{
    [Test]
    public void AddItems_ThenReadAtEachVersion_ReturnsThatVersionsContent()
    {
        var ds = NewDataset();
        var c1 = Store.AddItems(ds.Id, [Draft("a", "1"), Draft("b", externalId: "k-b")], new WriteOptions { Message = "seed" });
        var a = c1.Items[0];
        var c2 = Store.UpdateItem(ds.Id, a.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("one") });
        var c3 = Store.DeleteItem(ds.Id, c1.Items[1].Id);

        Assert.Multiple(() =>
        {
            Assert.That((c1.Version, c2.Version, c3.Version), Is.EqualTo((1L, 2L, 3L)));
            Assert.That(Text(Store.GetItem(ds.Id, a.Id, 1)!.ExpectedOutput), Is.EqualTo("\"1\""));
            Assert.That(Text(Store.GetItem(ds.Id, a.Id)!.ExpectedOutput), Is.EqualTo("\"one\""));
            Assert.That(Store.GetItem(ds.Id, c1.Items[1].Id), Is.Null);
            Assert.That(Store.GetItem(ds.Id, c1.Items[1].Id, 2), Is.Not.Null);
            Assert.That(Store.ReadItems(ds.Id, 1).Select(i => Text(i.Input)), Is.EqualTo(new[] { "\"a\"", "\"b\"" }));
            Assert.That(Store.ReadItems(ds.Id).Select(i => Text(i.Input)), Is.EqualTo(new[] { "\"a\"" }));
            Assert.That(Store.ListItems(ds.Id, new ItemQuery { Version = 2 }).Total, Is.EqualTo(2));
            Assert.That(Store.GetDataset(ds.Id)!.ItemCount, Is.EqualTo(1));
            Assert.That(Store.ListVersions(ds.Id).Items.Select(v => v.Number), Is.EqualTo(new[] { 3L, 2L, 1L }));
            Assert.That(Store.GetVersion(ds.Id, 1).Message, Is.EqualTo("seed"));
            Assert.That(Store.GetItemHistory(ds.Id, c1.Items[1].Id).Select(h => (h.ValidFrom, h.ValidTo, h.IsDelete)),
                Is.EqualTo(new[] { (1L, (long?)3L, false), (3L, (long?)null, true) }));
        });
    }
}
