using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Creating experiments: the pin resolved once (number, tag, moment or current), defaults, and every part read back.</summary>
public sealed partial class StoreContract
{
    private Experiment NewExperiment(string datasetId, ExperimentDefinition? definition = null) =>
        Store.CreateExperiment(datasetId, definition ?? new ExperimentDefinition());

    [Test]
    public void CreateExperiment_WithoutPin_PinsTheCurrentVersionWithItsFingerprintAndDefaults()
    {
        var ds = DatasetWithVersions(3);
        Clock.Advance(TimeSpan.FromMinutes(1));

        var experiment = NewExperiment(ds.Id);

        Assert.Multiple(() =>
        {
            Assert.That((experiment.DatasetId, experiment.Sequence, experiment.Name), Is.EqualTo((ds.Id, 1L, "exp-1")));
            Assert.That((experiment.DatasetVersion, experiment.ResolvedFrom), Is.EqualTo((3L, (string?)null)));
            Assert.That(experiment.DatasetFingerprint, Is.EqualTo(Store.GetVersion(ds.Id, 3).Fingerprint));
            Assert.That((experiment.Status, experiment.CompletedAt), Is.EqualTo((ExperimentStatus.Running, (DateTimeOffset?)null)));
            Assert.That(experiment.CreatedAt, Is.EqualTo(Clock.GetUtcNow()));
            Assert.That((experiment.Repetitions, experiment.ExpectedRuns), Is.EqualTo((1, 3L)));
            Assert.That(new[] { experiment.Recorded, experiment.Succeeded, experiment.Failed, experiment.Carried }, Is.All.Zero);
            Assert.That((experiment.Filter, experiment.TaskVersion, experiment.Description, experiment.Metadata), Is.EqualTo(((ExperimentFilter?)null, (string?)null, (string?)null, (JsonObject?)null)));
            Assert.That(experiment.Scorers, Is.Empty);
            Assert.That(Guid.TryParse(experiment.Id, out var id) && id.Version == 7, Is.True, "a generated id is a UUID v7");
        });
    }

    [Test]
    public void CreateExperiment_PinnedByNumber_RecordsThatVersionAndItsFingerprint()
    {
        var ds = DatasetWithVersions(3);

        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Version = 2 });

        Assert.Multiple(() =>
        {
            Assert.That((experiment.DatasetVersion, experiment.ResolvedFrom, experiment.ExpectedRuns), Is.EqualTo((2L, (string?)null, 2L)));
            Assert.That(experiment.DatasetFingerprint, Is.EqualTo(Store.GetVersion(ds.Id, 2).Fingerprint).And.EqualTo(Store.ComputeFingerprint(ds.Id, 2)));
        });
    }

    [Test]
    public void CreateExperiment_PinnedByTag_ResolvesTheTagOnce()
    {
        var ds = DatasetWithVersions(3);
        Store.TagVersion(ds.Id, 1, "golden");

        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Tag = "golden" });
        Store.MoveTag(ds.Id, "golden", 3);

        Assert.Multiple(() =>
        {
            Assert.That((experiment.DatasetVersion, experiment.ResolvedFrom, experiment.ExpectedRuns), Is.EqualTo((1L, "golden", 1L)));
            Assert.That(Store.GetExperiment(experiment.Id)!.DatasetVersion, Is.EqualTo(1), "moving the tag later does not move the experiment");
            Assert.That(experiment.DatasetFingerprint, Is.EqualTo(Store.GetVersion(ds.Id, 1).Fingerprint));
        });
    }

    [Test]
    public void CreateExperiment_PinnedByTime_TakesTheLastVersionCommittedByThen()
    {
        var ds = NewDataset();
        Clock.Advance(TimeSpan.FromMinutes(1));
        AddNumbered(ds.Id, 2);
        var between = Clock.GetUtcNow().AddSeconds(30).AddTicks(5);
        Clock.Advance(TimeSpan.FromMinutes(1));
        AddNumbered(ds.Id, 3, from: 2);

        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { AsOf = between.ToOffset(TimeSpan.FromHours(2)) });
        var atCreation = NewExperiment(ds.Id, new ExperimentDefinition { AsOf = Store.GetDataset(ds.Id)!.CreatedAt });

        Assert.Multiple(() =>
        {
            Assert.That((experiment.DatasetVersion, experiment.ExpectedRuns), Is.EqualTo((1L, 2L)));
            Assert.That(experiment.ResolvedFrom, Is.EqualTo("2026-01-01T12:01:30.0000000+00:00"), "the moment in UTC, to the millisecond");
            Assert.That((atCreation.DatasetVersion, atCreation.ExpectedRuns, atCreation.DatasetFingerprint), Is.EqualTo((0L, 0L, Store.GetVersion(ds.Id, 0).Fingerprint)));
        });
    }

    [Test]
    public void CreateExperiment_EveryPart_ReadsBackAsCreated()
    {
        var ds = NewDataset();
        Store.AddItems(ds.Id, [JsonDraft("1", metadata: """{"split":"test"}""", externalId: "e1"), JsonDraft("2", metadata: """{"split":"dev"}""")]);
        var definition = new ExperimentDefinition
        {
            Name = "Baseline GPT",
            Filter = new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["split"] = JsonValue.Create("test") }, ExternalIds = ["e1", "e0", "e1"] },
            Repetitions = 4,
            TaskVersion = "model=x prompt=sha256:ab\0cd",
            Scorers = new Dictionary<string, string> { ["exact"] = "v2", ["Exact"] = "v1", ["judge"] = "gpt/2024\ttemp 0" },
            Description = "first run \u2603",
            Metadata = Obj("""{"b":1.0,"a":[1,{"Z":null,"z":"x"}]}"""),
        };

        var created = NewExperiment(ds.Id, definition);
        var read = Store.GetExperiment(created.Id)!;

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Experiment(read), Is.EqualTo(StoreDump.Experiment(created)));
            Assert.That((read.Name, read.Repetitions, read.TaskVersion, read.Description), Is.EqualTo(("Baseline GPT", 4, "model=x prompt=sha256:ab\0cd", "first run \u2603")));
            Assert.That(read.Scorers.Select(s => s.Key + "=" + s.Value), Is.EqualTo(new[] { "Exact=v1", "exact=v2", "judge=gpt/2024\ttemp 0" }));
            Assert.That(Text(read.Metadata), Is.EqualTo("""{"b":1.0,"a":[1,{"Z":null,"z":"x"}]}"""));
            Assert.That(read.Filter!.ExternalIds, Is.EqualTo(new[] { "e0", "e1" }), "a set, in ordinal order");
            Assert.That(read.Filter.ItemIds, Is.Null);
            Assert.That(read.Filter.Metadata!.Select(m => m.Key + "=" + Text(m.Value)), Is.EqualTo(new[] { "split=\"test\"" }));
            Assert.That(read.ExpectedRuns, Is.EqualTo(4), "one item in scope, four repetitions");
        });
    }

    [Test]
    public void CreateExperiment_ReturnedParts_AreTheCallersOwnCopies()
    {
        var ds = NewDataset();
        var created = NewExperiment(ds.Id, new ExperimentDefinition { Metadata = Obj("""{"a":1}"""), Filter = new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?> { ["k"] = Node("[1]") } } });

        created.Metadata!["a"] = 2;
        created.Filter!.Metadata!["k"]!.AsArray().Add(2);

        var read = Store.GetExperiment(created.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(Text(read.Metadata), Is.EqualTo("""{"a":1}"""));
            Assert.That(Text(read.Filter!.Metadata!["k"]), Is.EqualTo("[1]"));
        });
    }

    [Test]
    public void CreateExperiment_DatasetEditedAfterwards_KeepsItsPinFingerprintAndExpectedRuns()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 3).Items;
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Repetitions = 2 });

        Store.UpdateItem(ds.Id, items[0].Id, new ItemPatch { Input = JsonValue.Create("changed") });
        Store.DeleteItem(ds.Id, items[1].Id);
        AddNumbered(ds.Id, 5, from: 10);
        Store.UpdateDataset(ds.Id, new DatasetUpdate { Name = "renamed", InputSchema = Node("""{"type":"string"}""") });

        var read = Store.GetExperiment(experiment.Id)!;
        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.Experiment(read), Is.EqualTo(StoreDump.Experiment(experiment)));
            Assert.That((read.DatasetVersion, read.ExpectedRuns), Is.EqualTo((1L, 6L)));
            Assert.That(read.DatasetFingerprint, Is.EqualTo(Store.GetVersion(ds.Id, 1).Fingerprint).And.Not.EqualTo(Store.GetVersion(ds.Id, Store.GetDataset(ds.Id)!.Version).Fingerprint));
        });
    }

    [Test]
    public void CreateExperiment_ExpectedRuns_CountsTheItemsOfThePinnedVersionThatTheFilterMatchesTimesTheRepetitions()
    {
        var ds = NewDataset();
        var items = Store.AddItems(ds.Id,
        [
            JsonDraft("1", metadata: """{"split":"test","lang":"en"}""", externalId: "a"),
            JsonDraft("2", metadata: """{"split":"test","lang":"fr"}""", externalId: "b"),
            JsonDraft("3", metadata: """{"split":"dev","lang":"en"}""", externalId: "c"),
            JsonDraft("4", metadata: """{"split":"test","lang":null}"""),
        ]).Items;
        Store.DeleteItem(ds.Id, items[0].Id);
        Store.AddItem(ds.Id, JsonDraft("5", metadata: """{"split":"test"}""", externalId: "a"));

        long Runs(ExperimentFilter filter, int repetitions = 3, long version = 1) =>
            NewExperiment(ds.Id, new ExperimentDefinition { Version = version, Filter = filter, Repetitions = repetitions }).ExpectedRuns;
        static Dictionary<string, JsonNode?> Meta(string key, JsonNode? value) => new() { [key] = value };

        Assert.Multiple(() =>
        {
            Assert.That(Runs(new ExperimentFilter { Metadata = Meta("split", JsonValue.Create("test")) }), Is.EqualTo(9));
            Assert.That(Runs(new ExperimentFilter { Metadata = Meta("split", JsonValue.Create("test")) }, version: 3), Is.EqualTo(9), "at version 3: two old ones and the new one");
            Assert.That(Runs(new ExperimentFilter { Metadata = Meta("lang", JsonNull()) }), Is.EqualTo(3), "a JSON null matches a field that is null");
            Assert.That(Runs(new ExperimentFilter { Metadata = new Dictionary<string, JsonNode?>() }), Is.EqualTo(12), "no condition");
            Assert.That(Runs(new ExperimentFilter { ItemIds = [items[0].Id, items[2].Id, "never-there"] }), Is.EqualTo(6));
            Assert.That(Runs(new ExperimentFilter { ItemIds = [items[0].Id, items[2].Id] }, version: 3), Is.EqualTo(3), "the deleted item is not in scope at version 3");
            Assert.That(Runs(new ExperimentFilter { ExternalIds = ["a", "c", "z"] }), Is.EqualTo(6));
            Assert.That(Runs(new ExperimentFilter { ExternalIds = ["a"] }, version: 3), Is.EqualTo(3), "the new item with the reused external id");
            Assert.That(Runs(new ExperimentFilter { ExternalIds = ["a", "b", "c"], Metadata = Meta("lang", JsonValue.Create("en")) }, repetitions: 1), Is.EqualTo(2));
            Assert.That(Runs(new ExperimentFilter { ItemIds = [items[1].Id, items[2].Id], ExternalIds = ["c"] }, repetitions: 2), Is.EqualTo(2));
            Assert.That(Runs(new ExperimentFilter { Metadata = Meta("split", JsonValue.Create("test")) }, repetitions: 1, version: 0), Is.Zero);
        });
    }

    [Test]
    public void CreateExperiment_Sequences_CountUpPerDatasetAndAreNeverGivenAgain()
    {
        var first = NewDataset("first");
        var second = NewDataset("second");

        var one = NewExperiment(first.Id);
        var two = NewExperiment(first.Id, new ExperimentDefinition { Name = "named" });
        var three = NewExperiment(first.Id);
        var other = NewExperiment(second.Id);
        Store.DeleteExperiment(three.Id);
        var four = NewExperiment(first.Id);

        Assert.Multiple(() =>
        {
            Assert.That(new[] { one, two, three, four }.Select(e => (e.Sequence, e.Name)), Is.EqualTo(new[] { (1L, "exp-1"), (2L, "named"), (3L, "exp-3"), (4L, "exp-4") }));
            Assert.That((other.Sequence, other.Name), Is.EqualTo((1L, "exp-1")), "numbers and names are per dataset");
        });
    }

    [Test]
    public void CreateExperiment_OneItemStoreReopened_KeepsEveryPart()
    {
        var ds = NewDataset();
        AddNumbered(ds.Id, 1);
        var created = NewExperiment(ds.Id, new ExperimentDefinition { Name = "kept", Scorers = new Dictionary<string, string> { ["s"] = "1" }, Metadata = Obj("""{"k":"v"}""") });

        Store = factory.Reopen(Store, Clock);

        Assert.That(StoreDump.Experiment(Store.GetExperiment(created.Id)!), Is.EqualTo(StoreDump.Experiment(created)));
    }
}
