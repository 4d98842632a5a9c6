using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Many threads writing and reading one store: versions are gap-free and used once, counts match the live
/// set, readers never see part of a commit, and a pinned version reads the same every time.
/// </summary>
[TestFixture]
public sealed class ConcurrencyTests
{
    private const int Writers = 8;
    private const int CommitsEach = 25;
    private const int BatchSize = 3;
    private const int Readers = 2;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private TempDirectory _directory = null!;
    private DatasetStore _store = null!;

    [SetUp]
    public void OpenStore()
    {
        _directory = new TempDirectory();
        _store = TestStores.Open(_directory.File("store.litedb"), lockTimeout: Bound);
    }

    [TearDown]
    public void CloseStore()
    {
        _store.Dispose();
        _directory.Dispose();
    }

    [Test]
    public void AddItems_EightThreadsOnOneDataset_UseEveryVersionOnceWithoutGapsAndReadersSeeWholeCommits()
    {
        var id = _store.CreateDataset(new DatasetDefinition("shared")).Id;

        var outcome = Run(writer => id, [id]);

        var total = Writers * CommitsEach;
        Assert.Multiple(() =>
        {
            Assert.That(outcome.Versions[id].Order(), Is.EqualTo(Enumerable.Range(1, total).Select(v => (long)v)));
            AssertFinalState(id, total);
            Assert.That(outcome.Problems, Is.Empty);
            Assert.That(outcome.Reads, Is.GreaterThan(0), "The readers ran while the writers did.");
        });
    }

    [Test]
    public void AddItems_EightThreadsOnEightDatasets_EachDatasetGetsGapFreeVersions()
    {
        var ids = Enumerable.Range(0, Writers).Select(w => _store.CreateDataset(new DatasetDefinition("d" + w.ToString(CultureInfo.InvariantCulture))).Id).ToArray();

        var outcome = Run(writer => ids[writer], ids);

        Assert.Multiple(() =>
        {
            foreach (var id in ids)
            {
                Assert.That(outcome.Versions[id].Order(), Is.EqualTo(Enumerable.Range(1, CommitsEach).Select(v => (long)v)), id);
                AssertFinalState(id, CommitsEach);
            }

            Assert.That(outcome.Problems, Is.Empty);
        });
    }

    [Test]
    public void ExperimentAndResultWrites_WhileTheDatasetLockIsHeld_OnlyCreatingAnExperimentWaits()
    {
        using var store = TestStores.Open(_directory.File("experiments.litedb"), lockTimeout: TimeSpan.FromMilliseconds(200));
        var ds = store.CreateDataset(new DatasetDefinition("held"));
        var item = store.AddItem(ds.Id, TestStores.Draft("item")).Items[0];
        var relabelled = store.CreateExperiment(ds.Id, new ExperimentDefinition());
        var deleted = store.CreateExperiment(ds.Id, new ExperimentDefinition());

        using (store.Engine.HoldDatasetLock(ds.Id))
        {
            Assert.Multiple(() =>
            {
                Assert.That(TestStores.CodeOf(() => store.CreateExperiment(ds.Id, new ExperimentDefinition())), Is.EqualTo(ErrorCode.Busy));
                Assert.That(store.RecordResult(relabelled.Id, new ResultDraft(item.Id)).Attempt, Is.EqualTo(1), "results never take the dataset's lock");
                Assert.That(store.RecordResults(relabelled.Id, [new ResultDraft(item.Id)]).Recorded, Is.EqualTo(1));
                Assert.That(store.UpdateExperiment(relabelled.Id, new ExperimentUpdate { Name = "relabelled" }).Name, Is.EqualTo("relabelled"));
                Assert.That(store.CompleteExperiment(relabelled.Id, ExperimentStatus.Completed).Status, Is.EqualTo(ExperimentStatus.Completed));
                Assert.That(() => store.DeleteExperiment(deleted.Id), Throws.Nothing);
            });
        }

        Assert.That(store.CreateExperiment(ds.Id, new ExperimentDefinition()).Sequence, Is.EqualTo(3), "the refused creation took no number");
    }

    [Test]
    public void Write_WhileDatasetLockIsHeld_FailsWithBusyAndWritesNothingWhileOtherDatasetsProceed()
    {
        using var store = TestStores.Open(_directory.File("busy.litedb"), lockTimeout: TimeSpan.FromMilliseconds(200));
        var held = store.CreateDataset(new DatasetDefinition("held"));
        var other = store.CreateDataset(new DatasetDefinition("other"));
        var item = store.AddItem(held.Id, TestStores.Draft("before")).Items[0];
        var before = StoreDump.OfDataset(store, held.Id);
        var writes = new Dictionary<string, TestDelegate>
        {
            ["AddItem"] = () => store.AddItem(held.Id, TestStores.Draft("blocked")),
            ["UpdateItem"] = () => store.UpdateItem(held.Id, item.Id, new ItemPatch { Input = JsonValue.Create("blocked") }),
            ["DeleteItem"] = () => store.DeleteItem(held.Id, item.Id),
            ["UpsertItems"] = () => store.UpsertItems(held.Id, [TestStores.Draft("blocked") with { ExternalId = "x" }]),
            ["TagVersion"] = () => store.TagVersion(held.Id, 1, "blocked"),
            ["UpdateDataset"] = () => store.UpdateDataset(held.Id, new DatasetUpdate { InputSchema = JsonNode.Parse("""{"type":"string"}""") }),
            ["DeleteDataset"] = () => store.DeleteDataset(held.Id),
        };

        using (store.Engine.HoldDatasetLock(held.Id))
        {
            Assert.Multiple(() =>
            {
                foreach (var (name, write) in writes)
                {
                    var clock = Stopwatch.StartNew();
                    Assert.That(TestStores.CodeOf(write), Is.EqualTo(ErrorCode.Busy), name);
                    Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(150)).And.LessThan(TimeSpan.FromSeconds(10)),
                        name + " waited for its timeout, then gave up");
                }

                Assert.That(store.AddItem(other.Id, TestStores.Draft("elsewhere")).Version, Is.EqualTo(1));
                Assert.That(store.GetItem(held.Id, item.Id)?.Input.ToJsonString(), Is.EqualTo("\"before\""), "Reads do not wait for the lock.");
            });
        }

        Assert.Multiple(() =>
        {
            Assert.That(StoreDump.OfDataset(store, held.Id), Is.EqualTo(before), "Nothing of the held dataset changed.");
            Assert.That(store.AddItem(held.Id, TestStores.Draft("after release")).Version, Is.EqualTo(2), "The refused calls used no version.");
        });
    }

    /// <summary>Runs the writers (writer w adds to <paramref name="datasetOf"/>(w)) with readers checking snapshots alongside.</summary>
    private Outcome Run(Func<int, string> datasetOf, string[] datasets)
    {
        var versions = datasets.Distinct().ToDictionary(id => id, _ => new ConcurrentBag<long>());
        var problems = new ConcurrentQueue<string>();
        var reads = 0L;
        using var start = new Barrier(Writers + Readers);
        using var writersDone = new CountdownEvent(Writers);

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Factory.StartNew(() =>
        {
            try
            {
                start.SignalAndWait();
                WriteBatches(w, datasetOf, versions, problems);
            }
            finally
            {
                writersDone.Signal();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

        var readers = Enumerable.Range(0, Readers).Select(r => Task.Factory.StartNew(() =>
        {
            var pinned = new Dictionary<(string, long), string>();
            start.SignalAndWait();
            var round = 0;
            while (!writersDone.IsSet && round < 10_000)
            {
                var id = datasets[(round + r) % datasets.Length];
                CheckSnapshot(id, pinned, problems);

                // Re-read a version pinned earlier while the writers are still adding newer ones.
                var (oldId, oldVersion) = pinned.Keys.ElementAt(round % pinned.Count);
                if (Snapshot(oldId, oldVersion) != pinned[(oldId, oldVersion)])
                {
                    problems.Enqueue($"{oldId} at {oldVersion} read differently during the writes");
                }

                Interlocked.Increment(ref reads);
                round++;
            }

            // A few pinned versions once more, after every writer is done.
            foreach (var ((id, version), seen) in pinned.Where((_, i) => i % Math.Max(1, pinned.Count / 5) == 0))
            {
                if (Snapshot(id, version) != seen)
                {
                    problems.Enqueue($"{id} at {version} changed after the writers finished");
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

        var all = writers.Concat(readers).ToArray();
        Assert.That(Task.WaitAll(all, Bound), Is.True, "Writers and readers finished in time.");
        return new Outcome(versions, problems.ToList(), Interlocked.Read(ref reads));
    }

    /// <summary>Makes writer <paramref name="w"/>'s commits, recording each version and any commit that reports the wrong counts.</summary>
    private void WriteBatches(int w, Func<int, string> datasetOf, Dictionary<string, ConcurrentBag<long>> versions, ConcurrentQueue<string> problems)
    {
        for (var c = 0; c < CommitsEach; c++)
        {
            var marker = string.Create(CultureInfo.InvariantCulture, $"w{w}-c{c}");
            var commit = _store.AddItems(datasetOf(w), Enumerable.Range(0, BatchSize).Select(k => TestStores.Draft(marker + "-k" + k.ToString(CultureInfo.InvariantCulture), new JsonObject { ["batch"] = marker })));
            versions[datasetOf(w)].Add(commit.Version);
            if (!commit.Created || commit.Added != BatchSize || commit.Items.Count != BatchSize)
            {
                problems.Enqueue($"commit {marker}: created={commit.Created} added={commit.Added} items={commit.Items.Count}");
            }
        }
    }

    /// <summary>Reads one dataset at its current version in every way and checks the snapshot is whole and stable.</summary>
    private void CheckSnapshot(string id, Dictionary<(string, long), string> pinned, ConcurrentQueue<string> problems)
    {
        var version = _store.GetDataset(id)!.Version;
        var items = _store.ReadItems(id, version).ToList();
        var where = $"{id} at {version}";
        if (items.Count != version * BatchSize)
        {
            problems.Enqueue($"{where}: {items.Count} items");
        }

        var batches = items.GroupBy(i => i.Metadata!["batch"]!.GetValue<string>()).ToList();
        if (batches.Count != version || batches.Any(b => b.Count() != BatchSize))
        {
            problems.Enqueue($"{where}: a partial batch ({string.Join(",", batches.Select(b => b.Count()))})");
        }

        var page = _store.ListItems(id, new ItemQuery { Version = version, PageSize = 1000 });
        if (page.Total != items.Count || !page.Items.Select(i => i.Id).SequenceEqual(items.Select(i => i.Id)))
        {
            problems.Enqueue($"{where}: ListItems total {page.Total} differs from ReadItems {items.Count}");
        }

        if (version > 0)
        {
            var counted = _store.GetVersion(id, version).ItemCount;
            if (counted != items.Count)
            {
                problems.Enqueue($"{where}: GetVersion counts {counted}");
            }

            var last = items[^1];
            if (_store.GetItem(id, last.Id, version) is not { } got || StoreDump.Item(got) != StoreDump.Item(last))
            {
                problems.Enqueue($"{where}: GetItem differs from ReadItems for {last.Id}");
            }
        }

        var text = string.Join("\n", items.Select(StoreDump.Item));
        if (pinned.TryGetValue((id, version), out var seen) && seen != text)
        {
            problems.Enqueue($"{where}: the same version read differently");
        }

        pinned[(id, version)] = text;
    }

    private string Snapshot(string id, long version) => string.Join("\n", _store.ReadItems(id, version).Select(StoreDump.Item));

    /// <summary>Checks the end state of a dataset after <paramref name="commits"/> batches.</summary>
    private void AssertFinalState(string id, int commits)
    {
        var dataset = _store.GetDataset(id)!;
        var live = _store.ReadItems(id).ToList();
        Assert.That(dataset.Version, Is.EqualTo(commits), id);
        Assert.That(dataset.ItemCount, Is.EqualTo(commits * BatchSize), id);
        Assert.That(live, Has.Count.EqualTo(commits * BatchSize), id);
        Assert.That(live.Select(i => i.Id).Distinct().Count(), Is.EqualTo(live.Count), id + ": item ids are unique");
        Assert.That(StoreDump.AllVersions(_store, id).Select(v => v.Number), Is.EqualTo(Enumerable.Range(1, commits).Select(v => (long)v).Reverse()), id);
        Assert.That(Enumerable.Range(1, commits).Select(n => _store.GetVersion(id, n)).Select(v => (v.Added, v.ItemCount)),
            Is.EqualTo(Enumerable.Range(1, commits).Select(n => (BatchSize, (long)n * BatchSize))), id);
    }

    private sealed record Outcome(Dictionary<string, ConcurrentBag<long>> Versions, List<string> Problems, long Reads);
}
