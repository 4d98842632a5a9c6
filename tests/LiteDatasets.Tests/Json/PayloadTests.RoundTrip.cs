using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Json;

public sealed partial class PayloadTests
{
    /// <summary>
    /// One document with everything that breaks naive stores: keys differing only in case, precomposed and
    /// decomposed keys, empty and astral keys, pointer characters, every kind of escape, control and special
    /// characters, numbers that doubles cannot hold, empty containers, nulls, and nesting to 64 levels.
    /// </summary>
    private static string NastyDocument()
    {
        // The root is level 1 and "deep" adds 63 more (61 arrays, an object and an empty array).
        var deep = new string('[', 61) + """{"bottom":[]}""" + new string(']', 61);
        return $$"""
            {
              "a": 1, "A": 2, "key": "lower", "Key": "title", "KEY": null,
              "é": "precomposed", "e\u0301": "decomposed", "\u00c9": "escaped capital",
              "": "empty key", "😀": "astral key", "\ud83d\ude01": "escaped astral key",
              "a/b~c": "pointer characters", " leading space": 0, "tab\tkey": 0,
              "strings": ["", "é中😀𝄞", "\u0000\u0001\u001f\u007f\u0085", "\u2028\u2029\ufeff\ufffd\uffff\ue000\u0378",
                          "\"\\\/\b\f\n\r\t", "\u00E9\uD83D\uDE00\ud83d\ude00\uDBFF\uDFFF", "e\u0301", "<script>&amp;'</script>"],
              "numbers": [1.0, 1.00, -0, 0.0, -0.0, 0e0, 1e400, -1e400, 1e-400, 9007199254740993, -9007199254740993,
                          0.1e-7, 1E+2, 1e2, 1E-2, 123456789012345678901234567890.5, 0.000000000000000000000000000001,
                          4.9e-324, 1.7976931348623157e309, 18446744073709551616, 100, 0.30000000000000004],
              "empty": {"object": {}, "array": [], "string": "", "nested": [[], {}, [[]], [{}]]},
              "nulls": [null, {"n": null}, [null, null], {"a": [null]}],
              "booleans": [true, false, {"true": false}],
              "deep": {{deep}}
            }
            """;
    }

    [Test]
    public void AddItems_NastyDocumentInEveryPart_EveryReadReturnsTheSameText()
    {
        var text = NastyDocument();
        var draft = new ItemDraft(JsonNode.Parse(text)!) { ExpectedOutput = JsonNode.Parse(text), Metadata = JsonNode.Parse(text)!.AsObject(), ExternalId = "nasty" };
        Assert.That(Depth(draft.Input), Is.EqualTo(64), "the document is nested exactly 64 levels");
        var written = Texts(draft.Input, draft.ExpectedOutput, draft.Metadata);
        var ds = Store.CreateDataset(new DatasetDefinition("nasty"));

        var commit = Store.AddItems(ds.Id, [new ItemDraft(JsonValue.Create("before")), draft]);
        var id = commit.Items[1].Id;

        CheckReads("after writing", ds.Id, id, written, commit);
        Store = Reopen(Store);
        CheckReads("after reopening", ds.Id, id, written, commit: null);
    }

    [Test]
    public void UpdateAndUpsert_NastyDocument_ReadBackTheSameText()
    {
        var text = NastyDocument();
        var ds = Store.CreateDataset(new DatasetDefinition("nasty"));
        var item = Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create(0)) { ExternalId = "k" }).Items[0];
        var patch = new ItemPatch { Input = JsonNode.Parse(text), ExpectedOutput = JsonNode.Parse(text), Metadata = JsonNode.Parse(text)!.AsObject() };
        var written = Texts(patch.Input, patch.ExpectedOutput, patch.Metadata);

        var updated = Store.UpdateItem(ds.Id, item.Id, patch);
        var upserted = Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse(text)!) { ExternalId = "new", ExpectedOutput = JsonNode.Parse(text), Metadata = JsonNode.Parse(text)!.AsObject() }]);
        Store = Reopen(Store);

        Assert.Multiple(() =>
        {
            Assert.That(Texts(updated.Items[0]), Is.EqualTo(written), "UpdateItem's commit");
            Assert.That(Texts(upserted.Items[0]), Is.EqualTo(written), "UpsertItems's commit");
            Assert.That(Store.ReadItems(ds.Id).Select(Texts), Is.EqualTo(new[] { written, written }), "ReadItems");
            Assert.That(Texts(Store.GetItem(ds.Id, item.Id, 1)), Is.EqualTo(Texts(JsonValue.Create(0), null, null)), "version 1 still holds the first content");
        });
    }

    [Test]
    public void GetItem_NastyDocument_KeepsNumberTextKeyCaseAndKeyOrder()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("nasty"));
        var id = Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse(NastyDocument())!)).Items[0].Id;
        Store = Reopen(Store);

        var input = Store.GetItem(ds.Id, id)!.Input.AsObject();
        Assert.Multiple(() =>
        {
            Assert.That(input.Select(p => p.Key).Take(8), Is.EqualTo(new[] { "a", "A", "key", "Key", "KEY", "é", "e\u0301", "É" }), "keys keep their case and order");
            Assert.That(input["numbers"]!.AsArray().Take(4).Select(n => n!.ToJsonString()), Is.EqualTo(new[] { "1.0", "1.00", "-0", "0.0" }), "number text is kept");
            Assert.That(input["numbers"]![9]!.ToJsonString(), Is.EqualTo("9007199254740993"), "2^53 + 1 is kept exactly");
            Assert.That(input["numbers"]![6]!.ToJsonString(), Is.EqualTo("1e400"), "1e400 is kept");
            Assert.That(input["strings"]![2]!.GetValue<string>(), Is.EqualTo("\u0000\u0001\u001f\u007f\u0085"), "control characters are kept");
            Assert.That(input["\U0001F601"]!.GetValue<string>(), Is.EqualTo("escaped astral key"), "an escaped astral key reads back as the character");
            Assert.That(input["KEY"], Is.Null, "a null member is kept");
            Assert.That(input.ContainsKey("KEY"), Is.True, "a null member is kept as a member");
        });
    }

    [Test]
    public void UpsertItems_OneAndOnePointZero_AreDifferentContent()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("numbers"));
        Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"a":1,"b":[1e2,-0]}""")!) { ExternalId = "k" }]);

        var reordered = Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"b":[1e2,-0],"a":1}""")!) { ExternalId = "k" }]);
        var respelled = Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"b":[1e2,-0],"a":1.0}""")!) { ExternalId = "k" }]);
        var exponent = Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"b":[100,-0],"a":1.0}""")!) { ExternalId = "k" }]);
        var zero = Store.UpsertItems(ds.Id, [new ItemDraft(JsonNode.Parse("""{"b":[100,0],"a":1.0}""")!) { ExternalId = "k" }]);

        Assert.Multiple(() =>
        {
            Assert.That((reordered.Created, reordered.Version), Is.EqualTo((false, 1L)), "keys reordered");
            Assert.That((respelled.Created, respelled.Version), Is.EqualTo((true, 2L)), "1 → 1.0");
            Assert.That((exponent.Created, exponent.Version), Is.EqualTo((true, 3L)), "1e2 → 100");
            Assert.That((zero.Created, zero.Version), Is.EqualTo((true, 4L)), "-0 → 0");
            Assert.That(Store.GetItem(ds.Id, zero.Items[0].Id, 2)!.Input.ToJsonString(), Is.EqualTo("""{"b":[1e2,-0],"a":1.0}"""), "version 2 as written");
        });
    }

    private void CheckReads(string when, string datasetId, string id, (string, string, string) written, Commit? commit)
    {
        Assert.Multiple(() =>
        {
            if (commit is not null)
            {
                Assert.That(Texts(commit.Items[1]), Is.EqualTo(written), $"the commit's item {when}");
            }

            Assert.That(Texts(Store.GetItem(datasetId, id)), Is.EqualTo(written), $"GetItem {when}");
            Assert.That(Texts(Store.GetItem(datasetId, id, 1)), Is.EqualTo(written), $"GetItem at version 1 {when}");
            Assert.That(Store.ReadItems(datasetId, 1).Skip(1).Select(Texts), Is.EqualTo(new[] { written }), $"ReadItems {when}");
            Assert.That(Store.ListItems(datasetId, new ItemQuery { PageSize = 1, Offset = 1 }).Items.Select(Texts), Is.EqualTo(new[] { written }), $"ListItems {when}");
            Assert.That(Store.ListItems(datasetId, new ItemQuery { ExternalId = "nasty" }).Items.Select(Texts), Is.EqualTo(new[] { written }), $"ListItems by external id {when}");
        });
    }
}
