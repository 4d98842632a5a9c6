using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary><see cref="LiteDatasets.PostgreSql.PostgresDatasetStore.Verify"/>: the rules' invariants plus the checks only SQL can make.</summary>
[TestFixture]
public sealed class PostgresVerifyTests : PostgresFixture
{
    [Test]
    public void Verify_StoreWithHistory_IsHealthy()
    {
        using var store = OpenStore();
        var id = Populate(store);

        var report = store.Verify();

        Assert.Multiple(() =>
        {
            Assert.That(report.Problems, Is.Empty);
            Assert.That(report.DatasetsChecked, Is.EqualTo(1));
            Assert.That(report.RevisionsChecked, Is.EqualTo(3));
            Assert.That(store.GetDataset(id)!.Version, Is.EqualTo(3));
        });
    }

    [Test]
    public void Verify_RowsOfADatasetThatIsGone_AreReported()
    {
        using var store = OpenStore();
        Populate(store);
        Execute("INSERT INTO {s}.tags (dataset_key, name, version) VALUES (999, 'stray', 1)");

        Assert.That(store.Verify().Problems.Select(p => p.Description), Has.One.Contains("table tags belong to no dataset"));
    }

    [Test]
    public void Verify_PayloadChangedBehindTheStoresBack_IsReportedAsAFingerprintMismatch()
    {
        using var store = OpenStore();
        var id = Populate(store);
        Execute("UPDATE {s}.revisions SET input = convert_to('\"tampered\"', 'UTF8') WHERE valid_from = 1");

        var problems = store.Verify().Problems;

        Assert.That(problems.Where(p => p.DatasetId == id).Select(p => p.Description), Has.Some.Contains("fingerprint"));
    }

    [Test]
    public void Verify_OverlappingRevisionsOfOneItem_AreReported()
    {
        using var store = OpenStore();
        Populate(store);
        Execute("UPDATE {s}.revisions SET valid_to = 9223372036854775807 WHERE valid_to = 2");

        Assert.That(store.Verify().Problems.Select(p => p.Description), Has.Some.Contains("overlap"));
    }

    [Test]
    public void Verify_ExperimentsChangedBehindTheStoresBackOrOfADatasetThatIsGone_AreReported()
    {
        using var store = OpenStore();
        var id = Populate(store);
        store.CreateExperiment(id, new ExperimentDefinition { Version = 1 });
        Assert.That(store.Verify().Problems, Is.Empty);
        Execute("UPDATE {s}.experiments SET dataset_version = 77, failed = -2");
        Execute("INSERT INTO {s}.experiment_sequences (dataset_key, last_sequence) VALUES (999, 4)");

        var problems = store.Verify().Problems.Select(p => p.Description).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.One.Contains("(#1) pins version 77, but the dataset is at version 3"));
            Assert.That(problems, Has.One.Contains("(#1) has a negative counter"));
            Assert.That(problems, Has.One.Contains("table experiment_sequences belong to no dataset"));
        });
    }

    /// <summary>Three versions: two items added, one updated, one deleted (three revisions: a delete only closes one).</summary>
    private static string Populate(IDatasetStore store)
    {
        var id = store.CreateDataset(new DatasetDefinition("checked")).Id;
        var added = store.AddItems(id, [new ItemDraft(JsonValue.Create("a")), new ItemDraft(JsonValue.Create("b"))]);
        store.UpdateItem(id, added.Items[0].Id, new ItemPatch { Input = JsonValue.Create("a2") });
        store.DeleteItem(id, added.Items[1].Id);
        return id;
    }
}
