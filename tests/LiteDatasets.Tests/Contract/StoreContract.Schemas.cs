using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

public sealed partial class StoreContract
{
    private const string QuestionSchema = """{"type":"object","properties":{"q":{"type":"string","minLength":1}},"required":["q"]}""";
    private const string AnswerSchema = """{"type":"string","maxLength":10}""";

    private Dataset SchemaDataset() => Store.CreateDataset(new DatasetDefinition("with-schemas")
    {
        InputSchema = JsonNode.Parse(QuestionSchema),
        ExpectedOutputSchema = JsonNode.Parse(AnswerSchema),
    });

    private static ItemDraft Question(string q, string? answer = null) =>
        new(new JsonObject { ["q"] = q }) { ExpectedOutput = answer is null ? null : JsonValue.Create(answer) };

    [Test]
    public void AddItems_ValidAgainstBothSchemas_AreStored()
    {
        var ds = SchemaDataset();

        var commit = Store.AddItems(ds.Id, [Question("2+2", "4"), Question("no answer")]);

        Assert.That((commit.Version, commit.Added), Is.EqualTo((1L, 2)));
    }

    [Test]
    public void AddItems_OneDraftFailsEachSchema_RefusesWholeBatchListingIndexesAndPointers()
    {
        var ds = SchemaDataset();
        var bad = new ItemDraft(new JsonObject { ["q"] = 5 });

        var error = Assert.Throws<SchemaViolationException>(() => Store.AddItems(ds.Id, [Question("fine"), bad, Question("ok", "far too long an answer")]));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Code, Is.EqualTo(ErrorCode.SchemaViolation));
            Assert.That(error.FailingItemCount, Is.EqualTo(2));
            Assert.That(error.Failures.Select(f => (f.ItemIndex, f.Path)), Is.SupersetOf(new[] { ((int?)1, "/input/q"), ((int?)2, "/expectedOutput") }));
            Assert.That(error.Failures.All(f => f.Message.Length > 0), Is.True);
            Assert.That(error.Message, Does.Contain("draft 1").And.Contain("/input/q"));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.Zero);
            Assert.That(Store.ReadItems(ds.Id), Is.Empty);
        });
    }

    [Test]
    public void UpdateItem_PatchBreaksSchema_IsRefusedWithItemIdAndNothingChanges()
    {
        var ds = SchemaDataset();
        var item = Store.AddItem(ds.Id, Question("q", "a")).Items[0];

        var error = Assert.Throws<SchemaViolationException>(() => Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = new JsonObject { ["q"] = "" } }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Single().ItemId, Is.EqualTo(item.Id));
            Assert.That(error.Failures.Single().Path, Is.EqualTo("/input/q"));
            Assert.That(Text(Store.GetItem(ds.Id, item.Id)!.Input), Is.EqualTo("""{"q":"q"}"""));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpsertItems_SyncWithInvalidDraft_RefusesAndKeepsLiveItems()
    {
        var ds = SchemaDataset();
        Store.AddItem(ds.Id, Question("keep") with { ExternalId = "k" });

        Assert.Throws<SchemaViolationException>(() => Store.UpsertItems(ds.Id, [new ItemDraft(JsonValue.Create("not an object")) { ExternalId = "x" }], UpsertMode.Sync));

        Assert.That(Store.ReadItems(ds.Id).Select(i => i.ExternalId), Is.EqualTo(new[] { "k" }));
    }

    [Test]
    public void UpdateDataset_NewSchemaSomeLiveItemsFail_RefusesListingThemAndChangesNothing()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id, [Draft("short", "a"), Draft("x", "a much longer answer"), Draft("y", "another long answer!")]).Items;

        var error = Assert.Throws<SchemaViolationException>(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { ExpectedOutputSchema = JsonNode.Parse(AnswerSchema) }));

        Assert.Multiple(() =>
        {
            Assert.That(error!.FailingItemCount, Is.EqualTo(2));
            Assert.That(error.Failures.Select(f => f.ItemId), Is.EquivalentTo(new[] { items[1].Id, items[2].Id }));
            Assert.That(Store.GetDataset(ds.Id)!.ExpectedOutputSchema, Is.Null);
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void UpdateDataset_ManyFailingItems_ListIsBoundedAndTotalIsExact()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, Enumerable.Range(0, 150).Select(i => Draft("q" + i)).ToList());

        var error = Assert.Throws<SchemaViolationException>(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":"number"}""") }));

        Assert.That((error!.FailingItemCount, error.Failures.Select(f => f.ItemId).Distinct().Count()), Is.EqualTo((150, 100)));
    }

    [Test]
    public void UpdateDataset_SchemaSetChangedRemoved_EachIsAVersionAndHistoryIsReadable()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a", "b"));

        var set = Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":"string"}""") });
        var changed = Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":["string","object"]}""") });
        var removed = Store.UpdateDataset(ds.Id, new DatasetUpdate { ClearInputSchema = true });

        Assert.Multiple(() =>
        {
            Assert.That((set.Version, changed.Version, removed.Version), Is.EqualTo((2L, 3L, 4L)));
            Assert.That(Store.GetVersion(ds.Id, 3).SchemaChanged, Is.True);
            Assert.That(Store.GetVersion(ds.Id, 3).ItemCount, Is.EqualTo(1));
            Assert.That(Store.GetDataset(ds.Id, 1).InputSchema, Is.Null);
            Assert.That(Text(Store.GetDataset(ds.Id, 2).InputSchema), Is.EqualTo("""{"type":"string"}"""));
            Assert.That(Text(Store.GetDataset(ds.Id, 3).InputSchema), Is.EqualTo("""{"type":["string","object"]}"""));
            Assert.That(Store.GetDataset(ds.Id, 4).InputSchema, Is.Null);
        });
    }

    [Test]
    public void UpdateDataset_SchemaChangedTwice_WritesUseTheSchemaNowInForce()
    {
        var ds = NewDataset();
        var numbers = JsonNode.Parse("""{"type":"number"}""");
        var strings = JsonNode.Parse("""{"type":"string"}""");

        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = numbers });
        Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create(1)));
        Store.DeleteItems(ds.Id, Store.ReadItems(ds.Id).Select(i => i.Id).ToList());
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = strings });
        Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create(2))));
        Store.AddItem(ds.Id, Draft("text"));
        Store.DeleteItems(ds.Id, Store.ReadItems(ds.Id).Select(i => i.Id).ToList());
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = numbers });

        Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, Draft("text again")));
        Assert.That(Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create(3))).Created, Is.True);
    }

    [Test]
    public void RestoreVersion_ContentFailsCurrentSchema_IsRefused()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("text"));
        Store.DeleteItems(ds.Id, Store.ReadItems(ds.Id).Select(i => i.Id).ToList());
        Store.UpdateDataset(ds.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":"number"}""") });

        Assert.Throws<SchemaViolationException>(() => Store.RestoreVersion(ds.Id, 1));
        Assert.That(Store.GetDataset(ds.Id)!.Version, Is.EqualTo(3));
    }

    [Test]
    public void CreateDataset_Draft7Schema_IsEnforcedWithDraft7Semantics()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("d7")
        {
            InputSchema = JsonNode.Parse("""{"$schema":"http://json-schema.org/draft-07/schema#","type":"array","items":[{"type":"string"}],"additionalItems":false}"""),
        });

        Assert.That(Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""["a"]""")!)).Created, Is.True);
        Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""["a", 1]""")!)));
    }

    [Test]
    public void CreateDataset_Draft202012Conditional_IfThenElseIsEnforced()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("cond")
        {
            InputSchema = JsonNode.Parse("""{"if":{"properties":{"kind":{"const":"math"}}},"then":{"required":["answer"]},"else":{"required":["text"]},"prefixItems":[{"type":"string"}]}"""),
        });

        Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"kind":"math"}""")!)));
        Assert.That(Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"kind":"math","answer":4}""")!)).Created, Is.True);
        Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"kind":"prose"}""")!)));
    }

    [TestCase("""{"type":"strnig"}""")]
    [TestCase("""{"minimum":"three"}""")]
    [TestCase("""{"$schema":"https://example.com/my-dialect","type":"string"}""")]
    [TestCase("""[1,2]""")]
    public void CreateDataset_InvalidOrUnsupportedSchema_IsRefusedWhenSet(string schema)
    {
        Assert.Throws<ArgumentException>(() => Store.CreateDataset(new DatasetDefinition("bad") { InputSchema = JsonNode.Parse(schema) }));
        Assert.That(Store.FindDataset("bad"), Is.Null);
    }

    [Test]
    public void UpdateDataset_InvalidSchema_IsRefusedAndNothingChanges()
    {
        var ds = NewDataset();

        Assert.Throws<ArgumentException>(() => Store.UpdateDataset(ds.Id, new DatasetUpdate { ExpectedOutputSchema = JsonNode.Parse("""{"type":7}""") }));
        Assert.That(Store.GetDataset(ds.Id)!.Version, Is.Zero);
    }

    [Test]
    public void AddItem_CatastrophicBacktrackingPattern_FinishesAndIsRefused()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("regex") { InputSchema = JsonNode.Parse("""{"type":"string","pattern":"^(a+)+$"}""") });
        var evil = new string('a', 40) + "!";

        var write = Task.Run(() => Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create(evil)))));

        Assert.That(write.Wait(TimeSpan.FromSeconds(60)), Is.True, "the write did not finish: pattern matching is not bounded");
        Assert.That(write.Result!.Failures.Single().Message, Does.Contain("pattern"));
    }

    [Test]
    public void AddItem_SchemaWithAReferenceThatCannotBeResolved_IsRefusedAsASchemaViolation()
    {
        var ds = Store.CreateDataset(new DatasetDefinition("dangling") { InputSchema = JsonNode.Parse("""{"$ref":"#/$defs/missing"}""") });

        var error = Assert.Throws<SchemaViolationException>(() => Store.AddItem(ds.Id, new ItemDraft(JsonValue.Create("x"))));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Failures.Single().Message, Does.Contain("cannot be resolved"));
            Assert.That(Store.GetDataset(ds.Id)!.Version, Is.Zero);
        });
    }

    [Test]
    public void UpdateDataset_RemoveSchema_AlwaysSucceeds()
    {
        var ds = SchemaDataset();
        Store.AddItem(ds.Id, Question("q"));

        var updated = Store.UpdateDataset(ds.Id, new DatasetUpdate { ClearInputSchema = true, ClearExpectedOutputSchema = true });

        Assert.That((updated.InputSchema, updated.ExpectedOutputSchema, updated.Version), Is.EqualTo(((JsonNode?)null, (JsonNode?)null, 2L)));
    }
}
