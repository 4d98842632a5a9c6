using System.Text.Json.Nodes;

// FsCheck supplies the arguments of property tests, which the NUnit analyzer cannot see.
#pragma warning disable NUnit1027

namespace LiteDatasets.Tests.Json;

/// <summary>
/// Identity is the canonical form: the same content with keys in another order is not a change, and a number
/// written another way (<c>1</c> → <c>1.0</c>) is.
/// </summary>
[TestFixture]
public sealed class CanonicalIdentityProperties
{
    private const string Seed = "(20260102,2027)";

    private DatasetStore _store = null!;
    private int _case;

    [OneTimeSetUp]
    public void OpenStore() => _store = DatasetStore.OpenInMemory();

    [OneTimeTearDown]
    public void CloseStore() => _store.Dispose();

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(JsonArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void UpsertAndUpdate_SameContentWithKeysReordered_CreateNoVersion(JsonVariantCase variant)
    {
        var original = Draft(variant.Json) with { ExternalId = "k" };
        var random = new Random(variant.Seed);
        var reordered = new ItemDraft(Reorder(original.Input, random)!)
        {
            ExternalId = "k",
            ExpectedOutput = Reorder(original.ExpectedOutput, random),
            Metadata = Reorder(original.Metadata, random)?.AsObject(),
        };
        var ds = _store.CreateDataset(new DatasetDefinition("identity-" + _case++));
        var added = _store.UpsertItems(ds.Id, [original]);
        var id = added.Items[0].Id;
        var stored = Texts(added.Items[0]);

        var byExternalId = _store.UpsertItems(ds.Id, [reordered]);
        var byId = _store.UpsertItems(ds.Id, [reordered with { ExternalId = null, Id = id }]);
        var bySync = _store.UpsertItems(ds.Id, [reordered], UpsertMode.Sync);
        var patch = new ItemPatch { Input = reordered.Input, ExpectedOutput = reordered.ExpectedOutput, Metadata = reordered.Metadata };
        var byUpdate = _store.UpdateItem(ds.Id, id, patch);

        Assert.Multiple(() =>
        {
            Assert.That((added.Created, added.Version), Is.EqualTo((true, 1L)), "the first upsert adds");
            foreach (var (name, commit) in new[] { ("upsert by external id", byExternalId), ("upsert by id", byId), ("sync", bySync), ("update", byUpdate) })
            {
                Assert.That((commit.Created, commit.Version, commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((false, 1L, 0, 0, 0)), $"{name} of the reordered content");
                Assert.That(Texts(commit.Items[0]), Is.EqualTo(stored), $"{name} returns the item unchanged");
            }

            Assert.That(_store.GetDataset(ds.Id)!.Version, Is.EqualTo(1), "the dataset stays at version 1");
            Assert.That(Texts(_store.GetItem(ds.Id, id)), Is.EqualTo(stored), "the stored text is unchanged");
        });
    }

    [FsCheck.NUnit.Property(Arbitrary = new[] { typeof(JsonArbitraries) }, MaxTest = 100, Replay = Seed, QuietOnSuccess = true)]
    public void UpsertAndUpdate_OneNumberWrittenAnotherWay_CreateAVersion(JsonVariantCase variant)
    {
        var original = Draft(variant.Json) with { ExternalId = "k" };
        var numbers = new[] { ("input", (JsonNode?)original.Input), ("expectedOutput", original.ExpectedOutput), ("metadata", original.Metadata) }
            .SelectMany(part => JsonText.Numbers(part.Item2).Select(number => (Part: part.Item1, Number: number)))
            .ToList();
        if (numbers.Count == 0)
        {
            return;
        }

        var (part, number) = numbers[new Random(variant.Seed).Next(numbers.Count)];
        var respelled = part switch
        {
            "input" => original with { Input = Respell(original.Input, number)! },
            "expectedOutput" => original with { ExpectedOutput = Respell(original.ExpectedOutput, number) },
            _ => original with { Metadata = Respell(original.Metadata, number)!.AsObject() },
        };
        var ds = _store.CreateDataset(new DatasetDefinition("respelled-" + _case++));
        var added = _store.UpsertItems(ds.Id, [original]);
        var id = added.Items[0].Id;

        var upserted = _store.UpsertItems(ds.Id, [respelled]);
        var back = _store.UpdateItem(ds.Id, id, new ItemPatch { Input = original.Input, ExpectedOutput = original.ExpectedOutput, Metadata = original.Metadata });

        Assert.Multiple(() =>
        {
            Assert.That((upserted.Created, upserted.Version, upserted.Updated), Is.EqualTo((true, 2L, 1)), $"upsert with {number.ToJsonString()} in {part} respelled");
            Assert.That(Texts(_store.GetItem(ds.Id, id, 2)), Is.EqualTo(Texts(respelled.Input, respelled.ExpectedOutput, respelled.Metadata)), "version 2 holds the new spelling");
            Assert.That((back.Created, back.Version, back.Updated), Is.EqualTo((true, 3L, 1)), "updating back to the first spelling");
            Assert.That(_store.GetVersion(ds.Id, 2).Fingerprint, Is.Not.EqualTo(_store.GetVersion(ds.Id, 1).Fingerprint), "fingerprints differ");
            Assert.That(_store.GetVersion(ds.Id, 3).Fingerprint, Is.EqualTo(_store.GetVersion(ds.Id, 1).Fingerprint), "the same content has the same fingerprint");
        });
    }

    private static ItemDraft Draft(JsonCase json) =>
        new(JsonNode.Parse(json.Input)!)
        {
            ExpectedOutput = json.ExpectedOutput is null ? null : JsonNode.Parse(json.ExpectedOutput),
            Metadata = json.Metadata is null ? null : JsonNode.Parse(json.Metadata)!.AsObject(),
        };

    private static JsonNode? Reorder(JsonNode? node, Random random) => node is null ? null : JsonNode.Parse(JsonText.Write(node, random));

    private static JsonNode? Respell(JsonNode? node, JsonNode number) => node is null ? null : JsonNode.Parse(JsonText.Write(node, respell: number));

    private static (string, string, string) Texts(JsonNode? input, JsonNode? expected, JsonNode? metadata) =>
        (input?.ToJsonString() ?? "<null>", expected?.ToJsonString() ?? "<null>", metadata?.ToJsonString() ?? "<null>");

    private static (string, string, string) Texts(DatasetItem? item) =>
        item is null ? ("<no item>", "", "") : Texts(item.Input, item.ExpectedOutput, item.Metadata);
}
