using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Exact round trips of payloads, JSON null as absent, and returned nodes being the caller's own copies.</summary>
public sealed partial class StoreContract
{
    [TestCase("""{"a":1,"A":2}""")]
    [TestCase("""{"z":1,"a":{"y":[],"b":{}}}""")]
    [TestCase("1.0")]
    [TestCase("1.50")]
    [TestCase("-0")]
    [TestCase("1E+2")]
    [TestCase("9007199254740993")]
    [TestCase("1e400")]
    [TestCase("123456789012345678901234567890.000000000000000000001")]
    [TestCase("\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\" back\\\\slash \\t tab \\u0000 nul\"")]
    [TestCase("\"café 😀 <html> & 'x' \\u2028\"")]
    [TestCase("[true,false,null,0,\"\",{},[]]")]
    [TestCase("""{"":"empty key","a/b~c":"pointer chars","null":null}""")]
    public void AddItems_AnyJson_ReadsBackWithTheSameText(string json)
    {
        var ds = NewDataset();
        var draft = new ItemDraft(Node(json)) { ExpectedOutput = Node(json), Metadata = new JsonObject { ["v"] = Node(json) } };
        var written = (Text(draft.Input), Text(draft.ExpectedOutput), Text(draft.Metadata));

        var commit = Store.AddItem(ds.Id, draft);

        var id = commit.Items[0].Id;
        var reads = new[]
        {
            commit.Items[0],
            Store.GetItem(ds.Id, id)!,
            Store.GetItem(ds.Id, id, 1)!,
            Store.ListItems(ds.Id).Items[0],
            Store.ReadItems(ds.Id).Single(),
            Store.GetItemHistory(ds.Id, id)[0].Item,
        };
        Assert.That(reads.Select(i => (Text(i.Input), Text(i.ExpectedOutput), Text(i.Metadata))), Is.All.EqualTo(written));
    }

    [Test]
    public void CreateDataset_MetadataAndSchemas_ReadBackWithTheSameText()
    {
        const string metadata = """{"Z":1.0,"a":9007199254740993,"A":"x"}""";
        const string schema = """{"type":"string","maxLength":1e3}""";

        var created = Store.CreateDataset(new DatasetDefinition("qa") { Metadata = Obj(metadata), InputSchema = Node(schema), ExpectedOutputSchema = Node(schema) });

        var read = Store.GetDataset(created.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((Text(created.Metadata), Text(created.InputSchema)), Is.EqualTo((metadata, schema)));
            Assert.That((Text(read.Metadata), Text(read.InputSchema), Text(read.ExpectedOutputSchema)), Is.EqualTo((metadata, schema, schema)));
            Assert.That(Text(Store.GetDataset(created.Id, 0).InputSchema), Is.EqualTo(schema));
        });
    }

    [Test]
    public void AddItems_JsonNullExpectedOutput_IsStoredAsAbsent()
    {
        var ds = NewDataset();

        var commit = Store.AddItem(ds.Id, new ItemDraft(Node("\"q\"")) { ExpectedOutput = JsonNull() });

        Assert.Multiple(() =>
        {
            Assert.That(commit.Items[0].ExpectedOutput, Is.Null);
            Assert.That(Store.GetItem(ds.Id, commit.Items[0].Id)!.ExpectedOutput, Is.Null);
        });
    }

    [Test]
    public void UpdateItem_JsonNullExpectedOutput_RemovesTheExpectedOutput()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q", "a")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = JsonNull() });

        Assert.Multiple(() =>
        {
            Assert.That(commit.Created, Is.True);
            Assert.That(Store.GetItem(ds.Id, item.Id)!.ExpectedOutput, Is.Null);
        });
    }

    [Test]
    public void UpdateItem_JsonNullExpectedOutputWhenAbsent_CreatesNoVersion()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q")).Items[0];

        var commit = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = JsonNull() });

        Assert.That((commit.Created, Store.GetDataset(ds.Id)!.Version), Is.EqualTo((false, 1L)));
    }

    [Test]
    public void AddItems_DraftNodesMutatedAfterTheCall_StoredContentIsUnchanged()
    {
        var ds = NewDataset();
        var input = Obj("""{"q":"original"}""");
        var metadata = Obj("""{"m":1}""");
        var commit = Store.AddItem(ds.Id, new ItemDraft(input) { Metadata = metadata });

        input["q"] = "mutated";
        metadata["m"] = 2;

        var read = Store.GetItem(ds.Id, commit.Items[0].Id)!;
        Assert.Multiple(() =>
        {
            Assert.That((Text(read.Input), Text(read.Metadata)), Is.EqualTo(("""{"q":"original"}""", """{"m":1}""")));
            Assert.That((Text(commit.Items[0].Input), Text(commit.Items[0].Metadata)), Is.EqualTo(("""{"q":"original"}""", """{"m":1}""")));
        });
    }

    [Test]
    public void ReturnedItemNodes_MutatedByTheCaller_StoredContentIsUnchanged()
    {
        var ds = NewDataset();
        var commit = Store.AddItem(ds.Id, JsonDraft("""{"q":"x"}""", """{"a":[1]}""", """{"m":1}"""));
        var id = commit.Items[0].Id;
        var returned = new List<DatasetItem>
        {
            commit.Items[0],
            Store.GetItem(ds.Id, id)!,
            Store.GetItem(ds.Id, id, 1)!,
            Store.ListItems(ds.Id).Items[0],
            Store.ReadItems(ds.Id).Single(),
            Store.GetItemHistory(ds.Id, id)[0].Item,
        };

        foreach (var item in returned)
        {
            item.Input.AsObject()["q"] = "mutated";
            item.ExpectedOutput!.AsObject()["a"]!.AsArray().Add(2);
            item.Metadata!["m"] = 99;
        }

        var fresh = new[] { Store.GetItem(ds.Id, id)!, Store.GetItem(ds.Id, id, 1)!, Store.ReadItems(ds.Id).Single() };
        Assert.That(fresh.Select(i => (Text(i.Input), Text(i.ExpectedOutput), Text(i.Metadata))), Is.All.EqualTo(("""{"q":"x"}""", """{"a":[1]}""", """{"m":1}""")));
    }

    [Test]
    public void ReturnedItemNodes_MutatedBeforeANoOpWrite_DoNotCountAsStoredContent()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, JsonDraft("""{"q":"x"}""", externalId: "k")).Items[0];
        item.Input.AsObject()["q"] = "mutated";

        var commit = Store.UpsertItems(ds.Id, [JsonDraft("""{"q":"x"}""", externalId: "k")]);

        Assert.That((commit.Created, Text(commit.Items[0].Input)), Is.EqualTo((false, """{"q":"x"}""")));
    }

    [Test]
    public void ReturnedDatasetNodes_MutatedByTheCaller_StoredDefinitionIsUnchanged()
    {
        var definitionMetadata = Obj("""{"owner":"ana"}""");
        var schema = Node("""{"type":"string"}""");
        var created = Store.CreateDataset(new DatasetDefinition("qa") { Metadata = definitionMetadata, InputSchema = schema });
        definitionMetadata["owner"] = "changed-definition";
        schema.AsObject()["type"] = "changed-definition";

        foreach (var dataset in new[] { created, Store.GetDataset(created.Id)!, Store.GetDataset(created.Id, 0), Store.FindDataset("qa")!, Store.ListDatasets().Items[0] })
        {
            dataset.Metadata!["owner"] = "mutated";
            dataset.InputSchema!.AsObject()["type"] = "mutated";
        }

        var read = Store.GetDataset(created.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(read.Metadata), Is.EqualTo("""{"owner":"ana"}"""));
            Assert.That(Text(read.InputSchema), Is.EqualTo("""{"type":"string"}"""));
            Assert.That(Text(Store.GetDataset(created.Id, 0).InputSchema), Is.EqualTo("""{"type":"string"}"""));
        });
    }
}
