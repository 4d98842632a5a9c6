using System.Diagnostics;
using System.Globalization;

namespace LiteDatasets.Tests.Engines.PostgreSql;

/// <summary>
/// Several processes on one server store: three writer processes on one dataset get gap-free versions and lose
/// nothing, while a reader in this process keeps reading whole versions.
/// </summary>
[TestFixture]
public sealed class PostgresMultiProcessTests : PostgresFixture
{
    private const int Writers = 3;
    private const int CommitsEach = 40;

    [Test]
    public void AddItem_ThreeProcessesOnOneDataset_VersionsGapFreeEveryCommitKeptAndReadersSeeWholeVersions()
    {
        using var store = OpenStore();
        var id = store.CreateDataset(new DatasetDefinition("together")).Id;
        var reads = 0;

        var race = WriterRace.Run(
            Writers,
            CommitsEach,
            label => ["pg-writer", ConnectionString, Schema, "together", CommitsEach.ToString(CultureInfo.InvariantCulture), label],
            whileTheyWrite: () =>
            {
                // Each read of the current version finds exactly as many items as that version says it has, and
                // the version never goes back: no read sees half of a commit.
                // Bounded, so that a writer that dies cannot keep the reader spinning: the race then reports it.
                long last = 0;
                var clock = Stopwatch.StartNew();
                while (last < Writers * CommitsEach && clock.Elapsed < TestHostProcess.StepTimeout)
                {
                    var dataset = store.GetDataset(id)!;
                    var items = store.ReadItems(id, dataset.Version).Count();
                    Assert.That(items, Is.EqualTo(dataset.ItemCount), $"version {dataset.Version}");
                    Assert.That(dataset.Version, Is.GreaterThanOrEqualTo(last));
                    last = dataset.Version;
                    reads++;
                }
            });

        Assert.That(reads, Is.GreaterThan(1), "The reader ran while the writers wrote.");
        race.AssertEveryCommitKept(store, id, store.Verify);
    }
}
