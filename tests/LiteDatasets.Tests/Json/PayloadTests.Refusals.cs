using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

public sealed partial class PayloadTests
{
    private const int TooDeep = 65;

    // Objects with keys that need escaping in a pointer, and arrays, in turn; the root is an object.
    private static readonly Func<int, string?> MixedChain = level => (level % 3) switch
    {
        0 => "a/b",
        1 => null,
        _ => "~k",
    };

    public static IEnumerable<TestCaseData> ConstructedLoneSurrogates() =>
    [
        new TestCaseData("input", new JsonObject { ["s"] = new JsonArray("fine", "ok\uD800") }, new[] { "/input/s/1" }).SetName("{m}(high surrogate at the end of a string)"),
        new TestCaseData("expectedOutput", JsonValue.Create("\uDC00x"), new[] { "/expectedOutput" }).SetName("{m}(low surrogate first in the root string)"),
        new TestCaseData("metadata", new JsonObject { ["m"] = "\uDE00\uD83D" }, new[] { "/metadata/m" }).SetName("{m}(surrogates in the wrong order)"),
        new TestCaseData("metadata", new JsonObject { ["k\uD800"] = 1 }, new[] { "/metadata", "/metadata/k\uD800" }).SetName("{m}(lone surrogate in a metadata key)"),
        new TestCaseData("input", new JsonObject { ["o"] = new JsonObject { ["\uDFFF"] = true } }, new[] { "/input/o", "/input/o/\uDFFF" }).SetName("{m}(lone surrogate in a nested key)"),
    ];

    public static IEnumerable<TestCaseData> ParsedLoneSurrogates() =>
    [
        new TestCaseData("input", """{"s":"\ud800"}""", new[] { "/input/s" }).SetName("{m}(escaped high surrogate in a string)"),
        new TestCaseData("expectedOutput", "\"a\\uDE00\"", new[] { "/expectedOutput" }).SetName("{m}(escaped low surrogate in the root string)"),
        new TestCaseData("metadata", """{"\udc00":1}""", new[] { "/metadata", "/metadata/\udc00" }).SetName("{m}(escaped lone surrogate in a key)"),
    ];

    public static IEnumerable<TestCaseData> NotANumber() =>
    [
        new TestCaseData("input", new JsonArray(1, JsonValue.Create(double.NaN)), "/input/1").SetName("{m}(double.NaN in an array)"),
        new TestCaseData("metadata", new JsonObject { ["x"] = double.PositiveInfinity }, "/metadata/x").SetName("{m}(positive infinity in metadata)"),
        new TestCaseData("expectedOutput", JsonValue.Create(double.NegativeInfinity), "/expectedOutput").SetName("{m}(negative infinity as the root)"),
        new TestCaseData("input", new JsonObject { ["a/b"] = new JsonObject { ["f"] = float.NaN } }, "/input/a~1b/f").SetName("{m}(float.NaN nested)"),
    ];

    [TestCase("input")]
    [TestCase("expectedOutput")]
    [TestCase("metadata")]
    public void AddItems_PartNested64Deep_IsAcceptedAndReadsBackTheSame(string part)
    {
        var (ds, _) = DatasetWithOneItem();
        var deep = Nest(64, MixedChain);
        var draft = WithPart(new ItemDraft(JsonValue.Create("x")), part, deep);
        var written = Texts(draft.Input, draft.ExpectedOutput, draft.Metadata);

        var id = Store.AddItems(ds, [draft]).Items[0].Id;
        Store = Reopen(Store);

        Assert.That(Texts(Store.GetItem(ds, id)), Is.EqualTo(written));
    }

    [TestCase("input")]
    [TestCase("expectedOutput")]
    [TestCase("metadata")]
    public void AddItems_PartNested65Deep_IsRefusedWithPointerAndIndexAndWritesNothing(string part)
    {
        var (ds, _) = DatasetWithOneItem();
        var bad = WithPart(new ItemDraft(JsonValue.Create("x")) { Id = "bad-one" }, part, Nest(TooDeep, MixedChain));
        ItemDraft[] drafts = [new(JsonValue.Create("ok")), new(JsonValue.Create("ok")) { ExternalId = "e" }, bad];

        var refused = Refused(ds, () => Store.AddItems(ds, drafts), PointerTo("/" + part, TooDeep, MixedChain));

        Assert.That((refused.ItemIndex, refused.ItemId), Is.EqualTo(((int?)2, "bad-one")));
    }

    [TestCase("input")]
    [TestCase("expectedOutput")]
    [TestCase("metadata")]
    public void UpdateItem_PartNested65Deep_IsRefusedWithPointerAndItemIdAndWritesNothing(string part)
    {
        var (ds, id) = DatasetWithOneItem();
        var deep = Nest(TooDeep, MixedChain);
        var patch = part switch
        {
            "input" => new ItemPatch { Input = deep },
            "expectedOutput" => new ItemPatch { ExpectedOutput = deep },
            _ => new ItemPatch { Metadata = deep.AsObject() },
        };

        var refused = Refused(ds, () => Store.UpdateItem(ds, id, patch), PointerTo("/" + part, TooDeep, MixedChain));

        Assert.That(refused.ItemId, Is.EqualTo(id));
    }

    [Test]
    public void UpsertItems_InputNested65Deep_IsRefusedWithPointerAndIndexAndWritesNothing()
    {
        var (ds, _) = DatasetWithOneItem();
        ItemDraft[] drafts = [new(JsonValue.Create("ok")) { ExternalId = "e1" }, new(Nest(TooDeep, _ => null)) { ExternalId = "e2" }];

        var refused = Refused(ds, () => Store.UpsertItems(ds, drafts), "/input" + string.Concat(Enumerable.Repeat("/0", TooDeep - 1)));

        Assert.That(refused.ItemIndex, Is.EqualTo(1));
    }

    [TestCase("input", """{"x":{"k":1,"k":2}}""", "/input/x", "k")]
    [TestCase("input", """{"k":1,"K":2,"k":3}""", "/input", "k")]
    [TestCase("expectedOutput", """[0,{"d":true,"d":false}]""", "/expectedOutput/1", "d")]
    [TestCase("metadata", """{"a/b":{"~":1,"~":1}}""", "/metadata/a~1b", "~0")]
    [TestCase("metadata", """{"k":null,"k":null}""", "/metadata", "k")]
    public void AddItems_DuplicateKey_IsRefusedWithPointerAndIndexAndWritesNothing(string part, string json, string objectPointer, string keyToken)
    {
        var (ds, _) = DatasetWithOneItem();
        ItemDraft[] drafts = [new(JsonValue.Create("ok")), WithPart(new ItemDraft(JsonValue.Create("x")), part, JsonNode.Parse(json)!)];

        var refused = Refused(ds, () => Store.AddItems(ds, drafts), objectPointer, objectPointer + "/" + keyToken);

        Assert.That(refused.ItemIndex, Is.EqualTo(1));
    }

    [Test]
    public void UpdateItem_DuplicateKeyInMetadata_IsRefusedWithPointerAndItemIdAndWritesNothing()
    {
        var (ds, id) = DatasetWithOneItem();
        var patch = new ItemPatch { Metadata = JsonNode.Parse("""{"split":"a","n":{"v":1,"v":1}}""")!.AsObject() };

        var refused = Refused(ds, () => Store.UpdateItem(ds, id, patch), "/metadata/n", "/metadata/n/v");

        Assert.That(refused.ItemId, Is.EqualTo(id));
    }

    [TestCaseSource(nameof(ConstructedLoneSurrogates))]
    public void AddItems_LoneSurrogate_IsRefusedWithPointerAndWritesNothing(string part, JsonNode value, string[] pointers)
    {
        var (ds, _) = DatasetWithOneItem();
        ItemDraft[] drafts = [WithPart(new ItemDraft(JsonValue.Create("x")), part, value)];

        var refused = Refused(ds, () => Store.AddItems(ds, drafts), pointers);

        Assert.That(refused.ItemIndex, Is.EqualTo(0));
    }

    /// <remarks>
    /// <c>JsonNode.Parse</c> accepts an escaped lone surrogate lazily, and reading the string throws
    /// <see cref="InvalidOperationException"/>: the store must turn that into its own
    /// <see cref="ErrorCode.InvalidPayload"/>, with the pointer, and write nothing.
    /// </remarks>
    [TestCaseSource(nameof(ParsedLoneSurrogates))]
    public void AddItems_EscapedLoneSurrogateFromText_IsRefusedWithPointerAndWritesNothing(string part, string json, string[] pointers)
    {
        var (ds, _) = DatasetWithOneItem();
        ItemDraft[] drafts = [new(JsonValue.Create("ok")), WithPart(new ItemDraft(JsonValue.Create("x")), part, JsonNode.Parse(json)!)];

        var refused = Refused(ds, () => Store.AddItems(ds, drafts), pointers);

        Assert.That(refused.ItemIndex, Is.EqualTo(1));
    }

    [TestCaseSource(nameof(NotANumber))]
    public void AddItems_NaNOrInfinity_IsRefusedWithPointerAndWritesNothing(string part, JsonNode value, string path)
    {
        var (ds, _) = DatasetWithOneItem();
        ItemDraft[] drafts = [new(JsonValue.Create("ok")), new(JsonValue.Create("ok")), WithPart(new ItemDraft(JsonValue.Create("x")), part, value)];

        var refused = Refused(ds, () => Store.AddItems(ds, drafts), path);

        Assert.That(refused.ItemIndex, Is.EqualTo(2));
    }

    [Test]
    public void UpdateItem_NaNInInput_IsRefusedWithPointerAndItemIdAndWritesNothing()
    {
        var (ds, id) = DatasetWithOneItem();
        var patch = new ItemPatch { Input = new JsonObject { ["q"] = "x", ["score"] = double.NaN } };

        var refused = Refused(ds, () => Store.UpdateItem(ds, id, patch), "/input/score");

        Assert.That(refused.ItemId, Is.EqualTo(id));
    }

    /// <summary>Creates a dataset holding one item at version 1.</summary>
    private (string DatasetId, string ItemId) DatasetWithOneItem()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("payloads"));
        var item = Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"q":"seed"}""")!) { ExpectedOutput = JsonValue.Create(1.0), Metadata = new JsonObject { ["k"] = "v" } }).Items[0];
        return (ds.Id, item.Id);
    }

    /// <summary>Runs a call that must be refused as an invalid payload at one of <paramref name="pointers"/>, and checks nothing changed.</summary>
    private InvalidPayloadException Refused(string datasetId, Func<Commit> call, params string[] pointers)
    {
        var before = State(datasetId);
        Exception? thrown = null;
        try
        {
            call();
        }
        catch (Exception ex) when (ex is not AssertionException)
        {
            thrown = ex;
        }

        var refused = thrown as InvalidPayloadException;
        Assert.Multiple(() =>
        {
            Assert.That(thrown, Is.TypeOf<InvalidPayloadException>(), "the call is refused as an invalid payload");
            Assert.That(refused?.Code, Is.EqualTo(ErrorCode.InvalidPayload), "code");
            Assert.That(refused?.Path, Is.AnyOf(pointers), "JSON Pointer");
            Assert.That(State(datasetId), Is.EqualTo(before), "nothing was written");
        });
        return refused!;
    }

    private string State(string datasetId)
    {
        var dataset = Store.GetDataset(datasetId)!;
        var items = Store.ReadItems(datasetId).Select(i => $"{i.Id}:{Texts(i)}");
        return $"version {dataset.Version}, {dataset.ItemCount} items: {string.Join(" | ", items)}";
    }

    private static ItemDraft WithPart(ItemDraft draft, string part, JsonNode value) => part switch
    {
        "input" => draft with { Input = value },
        "expectedOutput" => draft with { ExpectedOutput = value },
        _ => draft with { Metadata = value.AsObject() },
    };
}
