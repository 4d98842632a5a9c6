using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Payloads that cannot be stored exactly: refused with InvalidPayload naming the item and the JSON Pointer.</summary>
public sealed partial class StoreContract
{
    /// <summary>Builds <paramref name="depth"/> nested arrays: depth 1 is <c>[]</c>, depth 2 is <c>[[]]</c>.</summary>
    private static JsonArray NestedArrays(int depth)
    {
        var root = new JsonArray();
        var current = root;
        for (var level = 2; level <= depth; level++)
        {
            var child = new JsonArray();
            current.Add(child);
            current = child;
        }

        return root;
    }

    private static JsonObject NestedObjects(int depth)
    {
        var root = new JsonObject();
        var current = root;
        for (var level = 2; level <= depth; level++)
        {
            var child = new JsonObject();
            current["k"] = child;
            current = child;
        }

        return root;
    }

    private static string Repeat(string token, int times) => string.Concat(Enumerable.Repeat(token, times));

    private InvalidPayloadException RefusedPayload(string datasetId, TestDelegate call)
    {
        var error = AssertRefused(datasetId, ErrorCode.InvalidPayload, call);
        Assert.That(error, Is.InstanceOf<InvalidPayloadException>());
        return (InvalidPayloadException)error;
    }

    [Test]
    public void AddItems_NestingOfExactly64_IsStoredExactly()
    {
        var ds = NewDataset();
        var input = NestedArrays(64);
        var metadata = NestedObjects(64);

        var item = Store.AddItem(ds.Id, new ItemDraft(input) { Metadata = metadata }).Items[0];

        var read = Store.GetItem(ds.Id, item.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(read.Input), Is.EqualTo(Text(input)));
            Assert.That(Text(read.Metadata), Is.EqualTo(Text(metadata)));
            Assert.That(Text(Store.ReadItems(ds.Id).Single().Input), Is.EqualTo(Text(input)));
        });
    }

    [Test]
    public void AddItems_InputNestedDeeperThan64_ThrowsInvalidPayloadNamingIndexAndPointer()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("fine"), new ItemDraft(NestedArrays(65)), Draft("also fine")]));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemIndex, Is.EqualTo(1));
            Assert.That(error.ItemId, Is.Null);
            Assert.That(error.Path, Is.EqualTo("/input" + Repeat("/0", 64)));
        });
    }

    [Test]
    public void AddItems_MetadataNestedDeeperThan64_ThrowsInvalidPayloadWithItsIdAndPointer()
    {
        var ds = NewDataset();

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("fine"), new ItemDraft(Node("\"q\"")) { Id = "deep", Metadata = NestedObjects(65) }]));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemIndex, Is.EqualTo(1));
            Assert.That(error.ItemId, Is.EqualTo("deep"));
            Assert.That(error.Path, Is.EqualTo("/metadata" + Repeat("/k", 64)));
        });
    }

    [Test]
    public void UpdateItem_ExpectedOutputNestedDeeperThan64_ThrowsInvalidPayloadWithTheItemId()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q", "a")).Items[0];

        var error = RefusedPayload(ds.Id, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = new JsonObject { ["x"] = NestedArrays(64) } }));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemId, Is.EqualTo(item.Id));
            Assert.That(error.Path, Is.EqualTo("/expectedOutput/x" + Repeat("/0", 63)));
        });
    }

    [Test]
    public void AddItems_DuplicateKeyInParsedText_ThrowsInvalidPayloadAtThatObject()
    {
        var ds = NewDataset();
        var duplicated = Node("""{"q":{"a":1,"b":2,"a":3}}""");

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [new ItemDraft(duplicated) { Id = "dup" }]));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemIndex, Is.EqualTo(0));
            Assert.That(error.ItemId, Is.EqualTo("dup"));
            Assert.That(error.Path, Is.EqualTo("/input/q").Or.EqualTo("/input/q/a"));
        });
    }

    [Test]
    public void UpdateItem_DuplicateKeyInMetadata_ThrowsInvalidPayload()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q")).Items[0];

        var error = RefusedPayload(ds.Id, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Metadata = Obj("""{"split":"a","split":"b"}""") }));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemId, Is.EqualTo(item.Id));
            Assert.That(error.Path, Is.EqualTo("/metadata").Or.EqualTo("/metadata/split"));
        });
    }

    [Test]
    public void AddItems_KeysDifferingOnlyInCase_AreNotDuplicates()
    {
        var ds = NewDataset();

        var item = Store.AddItem(ds.Id, JsonDraft("""{"a":1,"A":2}""", metadata: """{"k":1,"K":2}""")).Items[0];

        Assert.Multiple(() =>
        {
            Assert.That(Text(Store.GetItem(ds.Id, item.Id)!.Input), Is.EqualTo("""{"a":1,"A":2}"""));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id)!.Metadata), Is.EqualTo("""{"k":1,"K":2}"""));
        });
    }

    [Test]
    public void AddItems_StringWithLoneSurrogate_ThrowsInvalidPayloadAtThatString()
    {
        var ds = NewDataset();
        var input = new JsonObject { ["ok"] = "fine \ud83d\ude00", ["list"] = new JsonArray("x", "broken \ud800 text") };

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("a"), Draft("b"), new ItemDraft(input)]));

        Assert.Multiple(() =>
        {
            Assert.That(error.ItemIndex, Is.EqualTo(2));
            Assert.That(error.Path, Is.EqualTo("/input/list/1"));
        });
    }

    [Test]
    public void AddItems_ExpectedOutputWithLoneLowSurrogate_ThrowsInvalidPayload()
    {
        var ds = NewDataset();

        var error = RefusedPayload(ds.Id, () => Store.AddItem(ds.Id, new ItemDraft(Node("1")) { ExpectedOutput = JsonValue.Create("\udc00 at start") }));

        Assert.That((error.ItemIndex, error.Path), Is.EqualTo(((int?)0, "/expectedOutput")));
    }

    [Test]
    public void AddItems_KeyWithLoneSurrogate_ThrowsInvalidPayload()
    {
        var ds = NewDataset();
        var metadata = new JsonObject { ["good"] = 1, ["bad\ud800"] = 2 };

        var error = RefusedPayload(ds.Id, () => Store.AddItem(ds.Id, new ItemDraft(Node("1")) { Metadata = metadata }));

        Assert.That(error.Path, Does.StartWith("/metadata"));
    }

    [Test]
    public void AddItems_NotANumber_ThrowsInvalidPayload()
    {
        var ds = NewDataset();

        var error = RefusedPayload(ds.Id, () => Store.AddItem(ds.Id, new ItemDraft(new JsonObject { ["x"] = double.NaN })));

        Assert.That(error.Path, Is.EqualTo("/input/x"));
    }

    [Test]
    public void AddItems_JsonNullInput_ThrowsInvalidPayload()
    {
        var ds = NewDataset();

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("a"), new ItemDraft(JsonNull())]));

        Assert.That((error.ItemIndex, error.Path), Is.EqualTo(((int?)1, "/input")));
    }

    [Test]
    public void UpdateItem_JsonNullInput_ThrowsInvalidPayload()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q")).Items[0];

        var error = RefusedPayload(ds.Id, () => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = JsonNull() }));

        Assert.That((error.ItemId, error.Path), Is.EqualTo((item.Id, "/input")));
    }

    [Test]
    public void UpsertItems_SyncDraftWithoutExternalId_ThrowsInvalidPayloadNamingTheDraft()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [Draft("a", externalId: "a"), Draft("b", externalId: "b")]);

        var error = RefusedPayload(ds.Id, () => Store.UpsertItems(ds.Id, [Draft("a", externalId: "a"), Draft("no key")], UpsertMode.Sync));

        Assert.That(error.ItemIndex, Is.EqualTo(1));
    }

    [Test]
    public void AddItems_PayloadOverTheDocumentLimit_ThrowsInvalidPayload()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var huge = new string('x', 17_000_000);

        var error = RefusedPayload(ds.Id, () => Store.AddItems(ds.Id, [Draft("small"), new ItemDraft(JsonValue.Create(huge))]));

        Assert.That(error.ItemIndex, Is.EqualTo(1));
    }

    [Test]
    public void UpsertItems_InvalidDraftAfterValidChanges_WritesNothing()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [Draft("a", externalId: "a"), Draft("b", externalId: "b")]);

        var error = RefusedPayload(ds.Id, () => Store.UpsertItems(ds.Id, [Draft("changed", externalId: "a"), Draft("new", externalId: "n"), new ItemDraft(NestedArrays(70)) { ExternalId = "b" }]));

        Assert.That(error.ItemIndex, Is.EqualTo(2));
    }

    [Test]
    public void CreateDataset_MetadataWithDuplicateKey_ThrowsInvalidPayloadAndCreatesNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => Store.CreateDataset(new DatasetDefinition("qa") { Metadata = Obj("""{"a":1,"a":2}""") }), FailsWith(ErrorCode.InvalidPayload));
            Assert.That(Store.ListDatasets().Total, Is.Zero);
            Assert.That(Store.FindDataset("qa"), Is.Null);
        });
    }
}
