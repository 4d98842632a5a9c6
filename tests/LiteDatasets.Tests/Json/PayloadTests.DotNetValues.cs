using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

/// <summary>Values wrapping .NET objects: walked as the JSON the serialiser writes, with the same limits as any payload.</summary>
public sealed partial class PayloadTests
{
    [Test]
    public void AddItems_DotNetValueThatSerialisesDifferentlyEachTime_IsFingerprintedAsStored()
    {
        var (ds, _) = DatasetWithOneItem();
        var draft = new ItemDraft(JsonValue.Create(new Counter())!) { Metadata = new JsonObject { ["c"] = JsonValue.Create(new Counter()) } };

        var id = Store.AddItems(ds, [draft]).Items[0].Id;
        Store = Reopen(Store);

        var stored = Texts(Store.GetItem(ds, id));
        var again = Store.UpsertItems(ds, [new ItemDraft(JsonNode.Parse(stored.Item1)!) { Id = id, Metadata = JsonNode.Parse(stored.Item3)!.AsObject() }]);
        Assert.Multiple(() =>
        {
            Assert.That(Store.ComputeFingerprint(ds), Is.EqualTo(Store.GetVersion(ds, 2).Fingerprint), "the fingerprint is the stored content's");
            Assert.That((again.Created, again.Version), Is.EqualTo((false, 2L)), "the stored text is the same content");
        });
    }

    [TestCase(62, false)]
    [TestCase(63, true)]
    public void AddItems_DotNetValueHoldingDeepJson_CountsItsDepthFromThePayloadRoot(int levels, bool refused)
    {
        var (ds, _) = DatasetWithOneItem();
        var input = new JsonObject { ["h"] = JsonValue.Create(new Holder(Nest(levels, _ => null))) };
        ItemDraft[] drafts = [new(JsonValue.Create("ok")), new(input)];

        if (refused)
        {
            var error = Refused(ds, () => Store.AddItems(ds, drafts), PointerTo("/input/h/Inner", levels, _ => null));
            Assert.That(error.ItemIndex, Is.EqualTo(1));
        }
        else
        {
            var id = Store.AddItems(ds, drafts).Items[1].Id;
            Assert.That(Depth(Store.GetItem(ds, id)!.Input), Is.EqualTo(64), "the deepest payload accepted");
        }
    }

    /// <summary>A .NET value holding JSON (the payload's object and this record add two levels).</summary>
    private sealed record Holder(JsonNode Inner);

    /// <summary>A value whose JSON changes every time it is written.</summary>
    private sealed class Counter
    {
        private int _reads;

        public int Reads => ++_reads;
    }
}
