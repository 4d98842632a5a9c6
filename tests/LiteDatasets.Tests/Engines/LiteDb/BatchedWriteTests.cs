using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LiteDatasets.Engines.LiteDb.Connections;

namespace LiteDatasets.Tests.Engines.LiteDb;

/// <summary>
/// Batched writes: small item writes that queue while another write runs are committed together, as one
/// transaction and one journal commit; a write of the batch that fails or changes nothing makes each write run again
/// alone, so every caller gets exactly the answer it would have had without batching.
/// </summary>
[TestFixture]
public sealed class BatchedWriteTests : StoreFileFixture
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private DatasetStore _store = null!;

    [SetUp]
    public void OpenStore() => _store = TestStores.Open(StorePath, lockTimeout: Bound);

    [TearDown]
    public void CloseStore() => _store.Dispose();

    private ExclusiveConnection Connection => (ExclusiveConnection)_store.Connection;

    [Test]
    public async Task WritesQueuedBehindAnotherWrite_CommitAsOneJournalCommit()
    {
        var datasets = NewDatasets(6);

        var (commits, answers) = await RunQueuedBehindImport(datasets[0], datasets.Skip(1).Select(id => (Func<Commit>)(() => _store.AddItem(id, Draft("new", "b")))).ToList());

        Assert.Multiple(() =>
        {
            Assert.That(commits, Is.EqualTo(2), "The import, then the five queued adds in one commit.");
            Assert.That(answers.Select(a => (a.Value!.Version, a.Value.Added)), Is.All.EqualTo((2L, 1)));
            Assert.That(datasets.Skip(1).Select(id => _store.GetItem(id, "b")?.Input.ToString()), Is.All.EqualTo("new"));
            Assert.That(_store.Verify().IsHealthy, Is.True);
        });
    }

    [Test]
    public async Task AWriteOfTheBatchFailsAndOneChangesNothing_EachRunsAloneWithItsOwnAnswer()
    {
        var datasets = NewDatasets(6);
        var writes = new List<Func<Commit>>
        {
            () => _store.AddItem(datasets[1], Draft("new", "b")),
            () => _store.UpdateItem(datasets[2], "missing", new ItemPatch { Input = JsonValue.Create("x") }),
            () => _store.UpdateItem(datasets[3], "a", new ItemPatch { Input = JsonValue.Create("first") }),
            () => _store.AddItem(datasets[4], Draft("taken", "a")),
            () => _store.DeleteItem(datasets[5], "a"),
        };

        var (commits, answers) = await RunQueuedBehindImport(datasets[0], writes);

        Assert.Multiple(() =>
        {
            Assert.That(commits, Is.EqualTo(3), "The import, then the add and the delete, each alone.");
            Assert.That(answers[0].Value, Is.Not.Null.And.Property(nameof(Commit.Version)).EqualTo(2L));
            Assert.That(answers[1].Error?.Code, Is.EqualTo(ErrorCode.ItemNotFound));
            Assert.That(answers[2].Value, Is.Not.Null.And.Property(nameof(Commit.Created)).False, "The same content again changes nothing.");
            Assert.That(answers[3].Error?.Code, Is.EqualTo(ErrorCode.ItemIdTaken));
            Assert.That(answers[4].Value, Is.Not.Null.And.Property(nameof(Commit.Deleted)).EqualTo(1));
            Assert.That(datasets.Skip(1).Select(id => _store.GetDataset(id)!.Version), Is.EqualTo(new[] { 2L, 1L, 1L, 1L, 2L }));
            Assert.That(_store.GetItem(datasets[1], "b"), Is.Not.Null);
            Assert.That(_store.GetItem(datasets[5], "a"), Is.Null);
            Assert.That(_store.Verify().IsHealthy, Is.True);
        });
    }

    [Test]
    public async Task ResultsQueuedBehindAnotherWrite_CommitTogetherAndTheExperimentCountsEach()
    {
        var datasets = NewDatasets(2);
        var items = Enumerable.Range(0, 5).Select(i => "r" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        _store.AddItems(datasets[1], items.Select(id => Draft(id, id)));
        var experiment = _store.CreateExperiment(datasets[1], new ExperimentDefinition());
        var writes = items.Select(id => (Func<ExperimentResult>)(() => _store.RecordResult(experiment.Id, new ResultDraft(id) { Output = JsonValue.Create("out " + id) }))).ToList();

        var (commits, answers) = await RunQueuedBehindImport(datasets[0], writes);

        Assert.Multiple(() =>
        {
            Assert.That(commits, Is.EqualTo(2), "The import, then the five results in one commit.");
            Assert.That(answers.Select(a => a.Value?.ItemId), Is.EqualTo(items));
            Assert.That(_store.GetExperiment(experiment.Id)!.Recorded, Is.EqualTo(5));
            Assert.That(_store.ReadResults(experiment.Id).Select(r => r.Output!.ToString()), Is.EquivalentTo(items.Select(id => "out " + id)));
            Assert.That(_store.Verify().IsHealthy, Is.True);
        });
    }

    [Test]
    public void ManyWritersWithFailuresAndNoChanges_EndAsTheirOwnSerialModelsSay()
    {
        const int writers = 8;
        const int writesEach = 60;
        var datasets = NewDatasets(writers);
        var models = new Dictionary<string, string>[writers];
        var problems = new ConcurrentQueue<string>();

        var threads = Enumerable.Range(0, writers).Select(writer => new Thread(() => models[writer] = RunRandomWrites(datasets[writer], new Random(writer), writesEach, problems))).ToList();
        threads.ForEach(t => t.Start());
        Assert.That(threads.TrueForAll(t => t.Join(Bound)), Is.True, "Every writer finished.");

        _store.Dispose();
        _store = TestStores.Open(StorePath, lockTimeout: Bound);
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            for (var writer = 0; writer < writers; writer++)
            {
                var items = _store.ReadItems(datasets[writer]).ToDictionary(i => i.Id, i => i.Input.ToString());
                Assert.That(items, Is.EquivalentTo(models[writer]), $"Writer {writer}'s dataset holds what its writes said.");
            }

            Assert.That(_store.Verify().IsHealthy, Is.True);
        });
    }

    [Test]
    public void AWriteQueuedLongerThanTheLockTimeout_IsBusyAndLeavesNoTrace()
    {
        _store.Dispose();
        _store = TestStores.Open(StorePath, lockTimeout: TimeSpan.FromMilliseconds(200));
        var datasets = NewDatasets(2);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var import = Task.Run(() => _store.ImportItems(datasets[0], HeldDrafts(inside, release), ImportMode.Append));
        Assert.That(inside.Wait(Bound), Is.True, "The import holds the writer.");

        var code = TestStores.CodeOf(() => _store.AddItem(datasets[1], Draft("late", "b")));
        release.Set();
        import.Wait(Bound);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(ErrorCode.Busy));
            Assert.That(Connection.QueuedWrites, Is.Zero, "The write left the queue.");
            Assert.That(_store.GetItem(datasets[1], "b"), Is.Null);
            Assert.That(_store.AddItem(datasets[1], Draft("later", "b")).Version, Is.EqualTo(2L), "The store writes on.");
        });
    }

    /// <summary>
    /// Holds the writer with an import into <paramref name="held"/> while <paramref name="writes"/> queue behind it,
    /// then lets it go; returns how many journal commits followed and each write's answer.
    /// </summary>
    private async Task<(long Commits, List<Answer<T>> Answers)> RunQueuedBehindImport<T>(string held, List<Func<T>> writes)
        where T : class
    {
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var journal = _store.Connection.Journal!;
        var before = journal.LastCommit;
        var import = Task.Run(() => _store.ImportItems(held, HeldDrafts(inside, release), ImportMode.Append));
        Assert.That(inside.Wait(Bound), Is.True, "The import holds the writer.");

        var answers = writes.Select(write => Task.Factory.StartNew(() => Answer<T>.Of(write), TaskCreationOptions.LongRunning)).ToList();
        Assert.That(SpinWait.SpinUntil(() => Connection.QueuedWrites == writes.Count, Bound), Is.True, "Every write queued behind the import.");
        release.Set();
        await import.WaitAsync(Bound);
        var results = await Task.WhenAll(answers).WaitAsync(Bound);
        return (journal.LastCommit - before, [.. results]);
    }

    /// <summary>
    /// Makes random writes to one dataset, many of them refused or changing nothing, and returns the items they leave;
    /// an answer other than the one a serial run gives goes to <paramref name="problems"/>.
    /// </summary>
    private Dictionary<string, string> RunRandomWrites(string datasetId, Random random, int count, ConcurrentQueue<string> problems)
    {
        var model = new Dictionary<string, string> { ["a"] = "first" };

        // An item id stays the deleted item's: adding it again is refused.
        var used = new HashSet<string> { "a" };
        for (var i = 0; i < count; i++)
        {
            var id = "i" + random.Next(6).ToString(CultureInfo.InvariantCulture);
            var value = "v" + random.Next(3).ToString(CultureInfo.InvariantCulture);
            var kind = random.Next(3);
            var answer = kind switch
            {
                0 => Answer<Commit>.Of(() => _store.AddItem(datasetId, Draft(value, id))),
                1 => Answer<Commit>.Of(() => _store.UpdateItem(datasetId, id, new ItemPatch { Input = JsonValue.Create(value) })),
                _ => Answer<Commit>.Of(() => _store.DeleteItem(datasetId, id)),
            };

            ErrorCode? expected = kind switch
            {
                0 => used.Contains(id) ? ErrorCode.ItemIdTaken : null,
                _ => model.ContainsKey(id) ? null : ErrorCode.ItemNotFound,
            };
            if (answer.Error?.Code != expected)
            {
                problems.Enqueue($"{datasetId}: write {i} (kind {kind}) to {id} answered {answer.Error?.Code.ToString() ?? "success"}, not {expected?.ToString() ?? "success"}");
            }

            if (answer.Error is null && kind == 2)
            {
                model.Remove(id);
            }
            else if (answer.Error is null)
            {
                model[id] = value;
                used.Add(id);
            }
        }

        return model;
    }

    private string[] NewDatasets(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var id = _store.CreateDataset(new DatasetDefinition("d" + i.ToString(CultureInfo.InvariantCulture))).Id;
            _store.AddItem(id, Draft("first", "a"));
            return id;
        }).ToArray();

    private static ItemDraft Draft(string input, string id) => new(JsonValue.Create(input)) { Id = id };

    /// <summary>One draft, given only once the test lets go: the import holds the store's writer until then.</summary>
    private static IEnumerable<ItemDraft> HeldDrafts(ManualResetEventSlim inside, ManualResetEventSlim release)
    {
        inside.Set();
        release.Wait(Bound);
        yield return Draft("held", "h");
    }

    /// <summary>What a write answered: its value, or the error it threw.</summary>
    private sealed record Answer<T>(T? Value, LiteDatasetsException? Error)
        where T : class
    {
        public static Answer<T> Of(Func<T> write)
        {
            try
            {
                return new Answer<T>(write(), null);
            }
            catch (LiteDatasetsException ex)
            {
                return new Answer<T>(null, ex);
            }
        }
    }
}
