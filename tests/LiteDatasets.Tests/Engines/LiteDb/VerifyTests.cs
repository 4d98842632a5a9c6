using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Rows;
using LiteDatasets.Tests.Versions;
using LiteDB;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// <see cref="DatasetStore.Verify"/> on a healthy store, and on stores whose rows were changed behind its back (as a
/// bug or a foreign tool might), on a file and in memory.
/// </summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class VerifyTests(bool onFile) : StoreFileFixture
{
    private DatasetStore Store { get; set; } = null!;

    [SetUp]
    public void OpenStore() => Store = onFile ? TestStores.Open(StorePath) : DatasetStore.OpenInMemory();

    [TearDown]
    public void CloseStore() => Store.Dispose();

    [TestCase(41)]
    [TestCase(42)]
    public void Verify_AfterRandomHistoryInSeveralDatasets_IsHealthy(int seed)
    {
        foreach (var name in new[] { "one", "two" })
        {
            var ds = NewDataset(name);
            new RandomHistory(Store, ds.Id, seed).Run(25);
            Store.TagVersion(ds.Id, 1, "first");
        }

        var report = Store.Verify();

        Assert.That(report.Problems, Is.Empty);
        Assert.That((report.IsHealthy, report.DatasetsChecked, report.RevisionsChecked > 0), Is.EqualTo((true, 2, true)));
    }

    [Test]
    public void Verify_ItemsHoldingDotNetValues_IsHealthyAfterWritingAndReopening()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var ds = NewDataset("wrapped");
        var added = Store.AddItems(ds.Id,
        [
            new ItemDraft(JsonValue.Create(new Probe("zone", 2, at))!)
            {
                ExpectedOutput = JsonValue.Create(at),
                Metadata = new JsonObject { ["c"] = JsonValue.Create('c'), ["p"] = new JsonArray(JsonValue.Create(new Probe("b", 1, at))) },
            },
            new ItemDraft(new JsonObject { ["when"] = at, ["id"] = Guid.Empty, ["offset"] = new DateTimeOffset(at) }),
        ]).Items;
        Store.UpdateItem(ds.Id, added[1].Id, new ItemPatch { Input = JsonValue.Create(new Probe("y", 3, at)) });
        if (onFile)
        {
            Store.Dispose();
            Store = TestStores.Open(StorePath);
        }

        var report = Store.Verify();

        Assert.That((report.Problems, report.IsHealthy), Is.EqualTo((Array.Empty<VerifyProblem>(), true)));
    }

    [Test]
    public void Verify_VersionRecordWithWrongCount_IsReported()
    {
        var ds = SeededForTampering();
        Tamper(db =>
        {
            var versions = db.GetCollection(StoreSchema.Versions);
            var row = versions.FindAll().First(v => v["n"].AsInt64 == 2);
            row["cnt"] = 99L;
            versions.Update(row);
        });

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("Version 2 records 99 items"));
    }

    [Test]
    public void Verify_MissingVersionRecord_IsReportedAsAGap()
    {
        SeededForTampering();
        Tamper(db => db.GetCollection(StoreSchema.Versions).DeleteMany(BsonExpression.Create("$.n = @0", 2L)));

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("not gap-free"));
    }

    [Test]
    public void Verify_TwoLiveRevisionsOfOneItem_IsReportedAsOverlap()
    {
        SeededForTampering();
        Tamper(db =>
        {
            var revisions = db.GetCollection(StoreSchema.Revisions);
            var closed = revisions.FindAll().First(r => r["t"].AsInt64 != long.MaxValue);
            closed["t"] = long.MaxValue;
            revisions.Update(closed);
        });

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("overlapping"));
    }

    [Test]
    public void Verify_ContentChangedBehindTheStoresBack_IsReportedByFingerprint()
    {
        SeededForTampering();
        Tamper(db =>
        {
            var revisions = db.GetCollection(StoreSchema.Revisions);
            var row = revisions.FindAll().First();
            row["in"] = "\"tampered\"";
            revisions.Update(row);
        });

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("fingerprint"));
    }

    [Test]
    public void Verify_TagOnMissingVersion_IsReported()
    {
        var ds = SeededForTampering();
        Store.TagVersion(ds.Id, 1, "t");
        Tamper(db =>
        {
            var tags = db.GetCollection(StoreSchema.Tags);
            var tag = tags.FindAll().Single();
            tag["n"] = 77L;
            tags.Update(tag);
        });

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("Tag 't' names version 77"));
    }

    [Test]
    public void Verify_ExperimentsChangedBehindTheStoresBack_AreReported()
    {
        var ds = SeededForTampering();
        var pinned = Store.CreateExperiment(ds.Id, new ExperimentDefinition { Version = 1 });
        var counted = Store.CreateExperiment(ds.Id, new ExperimentDefinition());
        var closed = Store.CreateExperiment(ds.Id, new ExperimentDefinition { Version = 2 });
        Assert.That(Store.Verify().IsHealthy, Is.True);
        Tamper(db =>
        {
            var experiments = db.GetCollection(StoreSchema.Experiments);
            Change(experiments, pinned.Id, doc => doc["v"] = 77L);
            Change(experiments, counted.Id, doc => doc["rec"] = -1L);
            Change(experiments, closed.Id, doc => doc["fp"] = new byte[32]);
            Change(experiments, closed.Id, doc => doc["st"] = (int)ExperimentStatus.Completed);
        });

        var problems = Store.Verify().Problems;

        Assert.Multiple(() =>
        {
            Assert.That(problems.Select(p => p.Description), Has.One.Contains("(#1) pins version 77, but the dataset is at version 3"));
            Assert.That(problems.Select(p => p.Description), Has.One.Contains("(#2) has a negative counter"));
            Assert.That(problems.Select(p => p.Description), Has.One.Contains("(#3) records fingerprint 0000"));
            Assert.That(problems.Select(p => p.Description), Has.One.Contains("(#3) has status Completed with no completion time"));
            Assert.That(problems.Select(p => p.DatasetId), Is.All.EqualTo(ds.Id));
        });
    }

    [Test]
    public void Verify_ExperimentOfADatasetThatIsGone_IsReported()
    {
        var ds = SeededForTampering();
        var experiment = Store.CreateExperiment(ds.Id, new ExperimentDefinition());
        Tamper(db => Change(db.GetCollection(StoreSchema.Experiments), experiment.Id, doc => doc["d"] = 999));

        Assert.That(Store.Verify().Problems.Select(p => p.Description), Has.One.Contains("Experiments or their sequence counter belong to dataset key 999"));
    }

    private static void Change(ILiteCollection<BsonDocument> collection, string id, Action<BsonDocument> change)
    {
        var doc = collection.FindById(id);
        change(doc);
        collection.Update(doc);
    }

    private Dataset SeededForTampering()
    {
        var ds = NewDataset("qa");
        var items = Store.AddItems(ds.Id, [Draft("a", "1"), Draft("b", "2")]).Items;
        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { ExpectedOutput = JsonValue.Create("one") });
        Store.DeleteItem(ds.Id, items[1].Id);
        Assert.That(Store.Verify().IsHealthy, Is.True, "the store must be healthy before it is tampered with");
        return ds;
    }

    /// <summary>Changes stored rows directly, as a bug or a foreign tool might.</summary>
    private void Tamper(Action<LiteDatabase> change) => change(Store.Connection.Database);

    private Dataset NewDataset(string name) => Store.CreateDataset(new DatasetDefinition(name));

    private static ItemDraft Draft(string input, string expected) => new(JsonValue.Create(input)) { ExpectedOutput = JsonValue.Create(expected) };

    /// <summary>A record whose members are not in ordinal order.</summary>
    private sealed record Probe(string Zone, int Count, DateTime At);
}
