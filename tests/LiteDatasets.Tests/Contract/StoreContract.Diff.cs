using System.Text.Json.Nodes;
using LiteDatasets.Tests.Versions;

namespace LiteDatasets.Tests.Contract;

public sealed partial class StoreContract
{
    [TestCase(11)]
    [TestCase(12)]
    [TestCase(13)]
    public void Diff_RandomHistory_EqualsBruteForceComparisonOfSnapshots(int seed)
    {
        var ds = NewDataset();
        new RandomHistory(Store, ds.Id, seed).Run(40);
        var current = Store.GetDataset(ds.Id)!.Version;
        var random = new Random(seed);

        for (var trial = 0; trial < 25; trial++)
        {
            var from = random.NextInt64(0, current + 1);
            var to = random.NextInt64(0, current + 1);
            var diff = Store.Diff(ds.Id, from, to);
            var expected = BruteForceDiff(ds.Id, from, to);

            Assert.That(Describe(diff), Is.EqualTo(expected), $"seed {seed}, diff {from} -> {to}");
        }
    }

    [Test]
    public void Diff_VersionWithItself_IsEmpty()
    {
        var ds = NewDataset();
        new RandomHistory(Store, ds.Id, 5).Run(10);
        var diff = Store.Diff(ds.Id, 4, 4);

        Assert.That(diff.Added.Count + diff.Removed.Count + diff.Modified.Count, Is.Zero);
    }

    [Test]
    public void Diff_ItemChangedAndChangedBack_IsNotModified()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, Draft("q", "a")).Items[0];
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("b") });
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch { ExpectedOutput = JsonValue.Create("a") });

        Assert.That(Store.Diff(ds.Id, 1, 3).Modified, Is.Empty);
    }

    [Test]
    public void Diff_ModifiedItem_ReportsLeafPointersSortedOrdinally()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"q":"x","list":[1,2],"a/b":{"c":1}}""")!)
        {
            ExpectedOutput = JsonValue.Create("4"),
        }).Items[0];
        Store.UpdateItem(ds.Id, item.Id, new ItemPatch
        {
            Input = JsonNode.Parse("""{"q":"y","list":[1,2,3],"a/b":{"c":1.0},"new":null}"""),
            ClearExpectedOutput = true,
            Metadata = new JsonObject { ["split"] = "test" },
        });

        var change = Store.Diff(ds.Id, 1, 2).Modified.Single();

        Assert.That(change.ChangedPaths, Is.EqualTo(new[] { "/expectedOutput", "/input/a~1b/c", "/input/list/2", "/input/new", "/input/q", "/metadata" }));
    }

    [Test]
    public void Diff_ByTags_UsesTheTaggedVersions()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a"));
        Store.AddItem(ds.Id, Draft("b"));
        Store.TagVersion(ds.Id, 1, "old");
        Store.TagVersion(ds.Id, 2, "new");

        var diff = Store.Diff(ds.Id, "old", "new");

        Assert.That((diff.FromVersion, diff.ToVersion, diff.Added.Single().After!.Input.ToJsonString()), Is.EqualTo((1L, 2L, "\"b\"")));
    }

    [TestCase(21)]
    [TestCase(22)]
    public void RestoreVersion_EveryEarlierVersion_LiveSetEqualsThatSnapshot(int seed)
    {
        var ds = NewDataset();
        new RandomHistory(Store, ds.Id, seed).Run(30);
        var last = Store.GetDataset(ds.Id)!.Version;
        var snapshots = Enumerable.Range(0, (int)last + 1).Select(v => Snapshot(ds.Id, v)).ToList();

        for (var v = 0; v <= last; v++)
        {
            var before = Store.GetDataset(ds.Id)!.Version;
            var commit = Store.RestoreVersion(ds.Id, v);
            var after = Store.GetDataset(ds.Id)!;

            Assert.That(Snapshot(ds.Id, after.Version), Is.EqualTo(snapshots[v]), $"seed {seed}, restore of version {v}");
            if (commit.Created)
            {
                Assert.That((after.Version, Store.GetVersion(ds.Id, after.Version).Message), Is.EqualTo((before + 1, $"Restored version {v}")));
                Assert.That(Store.GetVersion(ds.Id, after.Version).Fingerprint, Is.EqualTo(Store.GetVersion(ds.Id, v).Fingerprint));
            }
            else
            {
                Assert.That(after.Version, Is.EqualTo(before), "a restore to the current content creates no version");
            }
        }
    }

    [Test]
    public void RestoreVersion_RevivedItem_KeepsIdPlaceAndCreatedAt()
    {
        var ds = NewDataset();
        var first = Store.AddItems(ds.Id, [Draft("a"), Draft("b")]).Items;
        Clock.Advance(TimeSpan.FromMinutes(5));
        Store.DeleteItem(ds.Id, first[0].Id);
        Store.AddItem(ds.Id, Draft("c"));

        var commit = Store.RestoreVersion(ds.Id, 1, new WriteOptions { Message = "back to seed" });
        var live = Store.ReadItems(ds.Id).ToList();

        Assert.Multiple(() =>
        {
            Assert.That((commit.Added, commit.Updated, commit.Deleted), Is.EqualTo((1, 0, 1)));
            Assert.That(live.Select(i => i.Id), Is.EqualTo(first.Select(i => i.Id)));
            Assert.That(live[0].CreatedAt, Is.EqualTo(first[0].CreatedAt));
            Assert.That(live[0].Version, Is.EqualTo(commit.Version));
            Assert.That(Store.GetVersion(ds.Id, commit.Version).Message, Is.EqualTo("back to seed"));
            Assert.That(Store.GetItemHistory(ds.Id, first[0].Id).Select(h => h.IsDelete), Is.EqualTo(new[] { false, true, false }));
        });
    }

    [Test]
    public void RestoreVersion_ByTag_RestoresTheTaggedVersion()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a"));
        Store.TagVersion(ds.Id, 1, "golden");
        Store.AddItem(ds.Id, Draft("b"));

        Store.RestoreVersion(ds.Id, "golden");

        Assert.That(Store.ReadItems(ds.Id).Select(i => Text(i.Input)), Is.EqualTo(new[] { "\"a\"" }));
    }

    [Test]
    public void RestoreVersion_ExpectedVersionStale_FailsWithVersionConflictAndWritesNothing()
    {
        var ds = NewDataset();
        Store.AddItem(ds.Id, Draft("a"));
        Store.AddItem(ds.Id, Draft("b"));

        var error = Assert.Throws<LiteDatasetsException>(() => Store.RestoreVersion(ds.Id, 1, new WriteOptions { ExpectedVersion = 1 }));

        Assert.That((error!.Code, Store.GetDataset(ds.Id)!.Version), Is.EqualTo((ErrorCode.VersionConflict, 2L)));
    }

    [Test]
    public void Fingerprint_SameSnapshotThroughDifferentHistories_IsEqual()
    {
        var a = NewDataset("a");
        var b = NewDataset("b");
        Store.AddItems(a.Id, [Draft("x", "1", "k1") with { Id = "i1" }, Draft("y", null, "k2") with { Id = "i2" }]);
        Store.AddItem(b.Id, Draft("y", "wrong", "k2") with { Id = "i2" });
        Store.AddItem(b.Id, Draft("temporary") with { Id = "t" });
        Store.AddItem(b.Id, Draft("x", "1", "k1") with { Id = "i1" });
        Store.UpdateItem(b.Id, "i2", new ItemPatch { ClearExpectedOutput = true });
        Store.DeleteItem(b.Id, "t");

        var fa = Store.GetVersion(a.Id, Store.GetDataset(a.Id)!.Version).Fingerprint;
        var fb = Store.GetVersion(b.Id, Store.GetDataset(b.Id)!.Version).Fingerprint;

        Assert.That(fa, Is.EqualTo(fb).And.Not.EqualTo(new string('0', 64)));
    }

    [Test]
    public void Fingerprint_OfAKnownSnapshot_IsThePublishedDefinition()
    {
        // Computed outside .NET from the definition in the README: for each item the SHA-256 of
        // {"expectedOutput","externalId","id","input","metadata"} (absent members left out, keys sorted, number
        // text kept, minimal escaping), read as big-endian integers, summed modulo 2^256.
        var ds = NewDataset();
        var commit = Store.AddItems(ds.Id,
        [
            JsonDraft("""{"q":"2+2","n":1.0}""", "\"4\"", """{"split":"test"}""", "k1", "a"),
            JsonDraft("\"\u00e9\\n\"", id: "b"),
        ]);

        Assert.Multiple(() =>
        {
            Assert.That(Store.GetVersion(ds.Id, commit.Version).Fingerprint, Is.EqualTo("d96106de37f799ded884d85fa97b61e57128a9c94d5c3045470d08a3fe909f14"));
            Assert.That(Store.ComputeFingerprint(ds.Id, commit.Version), Is.EqualTo("d96106de37f799ded884d85fa97b61e57128a9c94d5c3045470d08a3fe909f14"));
        });
    }

    [Test]
    public void Fingerprint_AnySingleFieldChange_ChangesIt_AndNoOpWriteKeepsIt()
    {
        var ds = NewDataset();
        var item = Store.AddItem(ds.Id, new ItemDraft(JsonNode.Parse("""{"n":1}""")!) { Metadata = new JsonObject { ["s"] = "a" } }).Items[0];
        var seen = new HashSet<string> { Store.GetVersion(ds.Id, 0).Fingerprint, Store.GetVersion(ds.Id, 1).Fingerprint };

        var noOp = Store.UpdateItem(ds.Id, item.Id, new ItemPatch { Input = JsonNode.Parse("""{"n":1}""") });
        Assert.That(noOp.Created, Is.False);

        foreach (var patch in new[]
        {
            new ItemPatch { Input = JsonNode.Parse("""{"n":1.0}""") },
            new ItemPatch { ExpectedOutput = JsonValue.Create("x") },
            new ItemPatch { Metadata = new JsonObject { ["s"] = "b" } },
            new ItemPatch { ClearMetadata = true },
        })
        {
            var commit = Store.UpdateItem(ds.Id, item.Id, patch);
            Assert.That(seen.Add(Store.GetVersion(ds.Id, commit.Version).Fingerprint), Is.True, $"version {commit.Version} repeats a fingerprint");
        }
    }

    [TestCase(31)]
    [TestCase(32)]
    public void Fingerprint_EveryVersion_EqualsRecomputedValue(int seed)
    {
        var ds = NewDataset();
        new RandomHistory(Store, ds.Id, seed).Run(30);

        for (var v = 0L; v <= Store.GetDataset(ds.Id)!.Version; v++)
        {
            Assert.That(Store.ComputeFingerprint(ds.Id, v), Is.EqualTo(Store.GetVersion(ds.Id, v).Fingerprint), $"seed {seed}, version {v}");
        }
    }

    private List<string> Snapshot(string datasetId, long version) =>
        Store.ReadItems(datasetId, version)
            .Select(i => $"{i.Id}|{i.ExternalId}|{Text(i.Input)}|{Text(i.ExpectedOutput)}|{Text(i.Metadata)}|{i.CreatedAt:O}")
            .ToList();

    private (List<string> Added, List<string> Removed, List<string> Modified) BruteForceDiff(string datasetId, long from, long to)
    {
        var before = Store.ReadItems(datasetId, from).ToList();
        var after = Store.ReadItems(datasetId, to).ToDictionary(i => i.Id);
        var beforeIds = before.Select(i => i.Id).ToHashSet();
        string Content(DatasetItem i) => $"{Text(i.Input)}|{Text(i.ExpectedOutput)}|{Text(i.Metadata)}";

        // First-added order: order of appearance across both snapshots by item place.
        var order = Store.ReadItems(datasetId, Math.Max(from, to)).Select(i => i.Id).ToList();
        var added = after.Values.Where(i => !beforeIds.Contains(i.Id)).Select(i => i.Id).ToList();
        var removed = before.Where(i => !after.ContainsKey(i.Id)).Select(i => i.Id).ToList();
        var modified = before.Where(i => after.TryGetValue(i.Id, out var a) && Content(a) != Content(i)).Select(i => $"{i.Id}:{Content(i)}=>{Content(after[i.Id])}").ToList();
        return (added.OrderBy(id => Place(datasetId, id)).ToList(), removed.OrderBy(id => Place(datasetId, id)).ToList(), modified);
    }

    private static (List<string> Added, List<string> Removed, List<string> Modified) Describe(DatasetDiff diff)
    {
        string Content(DatasetItem i) => $"{Text(i.Input)}|{Text(i.ExpectedOutput)}|{Text(i.Metadata)}";
        return (
            diff.Added.Select(c => c.ItemId).ToList(),
            diff.Removed.Select(c => c.ItemId).ToList(),
            diff.Modified.Select(c => $"{c.ItemId}:{Content(c.Before!)}=>{Content(c.After!)}").ToList());
    }

    /// <summary>An item's place in first-added order: the first version it appeared in, then its position there.</summary>
    private (long, int) Place(string datasetId, string itemId)
    {
        var first = Store.GetItemHistory(datasetId, itemId)[0].ValidFrom;
        return (first, Store.ReadItems(datasetId, first).Select(i => i.Id).ToList().IndexOf(itemId));
    }
}
