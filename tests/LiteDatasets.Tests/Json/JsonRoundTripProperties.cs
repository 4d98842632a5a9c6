using System.Text.Json.Nodes;

// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

namespace LiteDatasets.Tests.Json;

/// <summary>
/// Any JSON a caller can parse round-trips exactly: the <c>ToJsonString()</c> of what is read back equals that
/// of what was written, through every read and after reopening a file store. FsCheck reports the replay
/// seed of a failing case.
/// </summary>
[TestFixture]
public sealed class JsonRoundTripProperties
{
    private const string Seed = "(20260101,1013)";

    private TempDirectory _directory = null!;
    private DatasetStore _memory = null!;
    private DatasetStore _file = null!;
    private int _case;

    [OneTimeSetUp]
    public void OpenStores()
    {
        _directory = new TempDirectory();
        _memory = DatasetStore.OpenInMemory();
        _file = OpenFile();
    }

    [OneTimeTearDown]
    public void CloseStores()
    {
        _memory.Dispose();
        _file.Dispose();
        _directory.Dispose();
    }

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(JsonArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void AddItem_AnyJson_EveryReadReturnsTheSameText(JsonCase json)
    {
        var draft = Draft(json);
        var written = Texts(draft.Input, draft.ExpectedOutput, draft.Metadata);

        foreach (var store in new[] { _memory, _file })
        {
            var ds = store.CreateDataset(new DatasetDefinition("round-trip-" + _case++));
            var commit = store.AddItem(ds.Id, draft);
            var id = commit.Items[0].Id;
            Assert.Multiple(() =>
            {
                Assert.That(Texts(commit.Items[0]), Is.EqualTo(written), "the commit's item");
                Assert.That(Texts(store.GetItem(ds.Id, id)), Is.EqualTo(written), "GetItem");
                Assert.That(Texts(store.GetItem(ds.Id, id, 1)), Is.EqualTo(written), "GetItem at version 1");
                Assert.That(store.ReadItems(ds.Id).Select(Texts), Is.EqualTo(new[] { written }), "ReadItems");
                Assert.That(store.ListItems(ds.Id).Items.Select(Texts), Is.EqualTo(new[] { written }), "ListItems");
            });

            if (store == _file)
            {
                _file.Dispose();
                _file = OpenFile();
                Assert.Multiple(() =>
                {
                    Assert.That(Texts(_file.GetItem(ds.Id, id)), Is.EqualTo(written), "GetItem after reopening");
                    Assert.That(_file.ReadItems(ds.Id, 1).Select(Texts), Is.EqualTo(new[] { written }), "ReadItems after reopening");
                    Assert.That(_file.ListItems(ds.Id, new ItemQuery { Version = 1 }).Items.Select(Texts), Is.EqualTo(new[] { written }), "ListItems after reopening");
                });
            }
        }
    }

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(JsonArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void UpdateAndUpsert_AnyJson_ReadBackTheSameText(JsonCase json)
    {
        var draft = Draft(json);
        var written = Texts(draft.Input, draft.ExpectedOutput, draft.Metadata);
        var ds = _memory.CreateDataset(new DatasetDefinition("update-" + _case++));
        var item = _memory.AddItem(ds.Id, new ItemDraft(JsonValue.Create("placeholder")) { ExpectedOutput = JsonValue.Create(0), Metadata = new JsonObject { ["p"] = 0 } }).Items[0];

        var patch = new ItemPatch
        {
            Input = draft.Input,
            ExpectedOutput = draft.ExpectedOutput,
            ClearExpectedOutput = draft.ExpectedOutput is null,
            Metadata = draft.Metadata,
            ClearMetadata = draft.Metadata is null,
        };
        var updated = _memory.UpdateItem(ds.Id, item.Id, patch);
        var upserted = _memory.UpsertItems(ds.Id, [draft with { ExternalId = "k" }]);

        Assert.Multiple(() =>
        {
            Assert.That(Texts(updated.Items[0]), Is.EqualTo(written), "UpdateItem's commit");
            Assert.That(Texts(_memory.GetItem(ds.Id, item.Id)), Is.EqualTo(written), "GetItem after UpdateItem");
            Assert.That(Texts(upserted.Items[0]), Is.EqualTo(written), "UpsertItems's commit");
            Assert.That(Texts(_memory.GetItem(ds.Id, upserted.Items[0].Id)), Is.EqualTo(written), "GetItem after UpsertItems");
        });
    }

    private DatasetStore OpenFile() => DatasetStore.Open(new DatasetStoreOptions { Path = _directory.File("round-trip.litedb") });

    private static ItemDraft Draft(JsonCase json) =>
        new(JsonNode.Parse(json.Input)!)
        {
            ExpectedOutput = json.ExpectedOutput is null ? null : JsonNode.Parse(json.ExpectedOutput),
            Metadata = json.Metadata is null ? null : JsonNode.Parse(json.Metadata)!.AsObject(),
        };

    private static (string, string, string) Texts(JsonNode? input, JsonNode? expected, JsonNode? metadata) =>
        (input?.ToJsonString() ?? "<null>", expected?.ToJsonString() ?? "<null>", metadata?.ToJsonString() ?? "<null>");

    private static (string, string, string) Texts(DatasetItem? item) =>
        item is null ? ("<no item>", "", "") : Texts(item.Input, item.ExpectedOutput, item.Metadata);
}
