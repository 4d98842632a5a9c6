using System.Text.Json.Nodes;

namespace LiteDatasets.Tests.Contract;

/// <summary>Results recorded by many threads at once while the dataset is being edited.</summary>
public sealed partial class StoreContract
{
    private const int Recorders = 8;

    [Test]
    public void RecordResults_EightThreadsWhileTheDatasetIsEdited_CountersEqualTheDistinctRunsAndThePinHolds()
    {
        var ds = NewDataset();
        var items = AddNumbered(ds.Id, 30).Items;
        var experiment = NewExperiment(ds.Id, new ExperimentDefinition { Repetitions = 2 });
        var pinned = Store.ReadItems(ds.Id, experiment.DatasetVersion).Select(Describe).ToList();

        // Every write of a run fails or succeeds alike, so the counts do not depend on which write of it comes last.
        var runs = items.SelectMany((item, i) => new[] { 0, 1 }.Select(repetition => (Item: item.Id, Repetition: repetition, Fails: (i + repetition) % 5 == 0))).ToList();
        ResultDraft Draft((string Item, int Repetition, bool Fails) run) => new(run.Item)
        {
            Repetition = run.Repetition,
            Output = run.Fails ? null : Node("""{"by":"a thread"}"""),
            Error = run.Fails ? new ResultError("failed") : null,
        };

        // Thread t records the runs whose number is t modulo 8, and every third run of the next thread as well.
        var writes = 0;
        using var start = new Barrier(Recorders + 1);
        var recorders = Enumerable.Range(0, Recorders).Select(t => Task.Factory.StartNew(() =>
        {
            var mine = runs.Where((_, i) => i % Recorders == t || (i % Recorders == (t + 1) % Recorders && i % 3 == 0)).ToList();
            start.SignalAndWait();
            for (var k = 0; k < mine.Count; k += 2)
            {
                var pair = mine.Skip(k).Take(2).Select(Draft).ToList();
                if (k % 4 == 0)
                {
                    Store.RecordResults(experiment.Id, pair);
                }
                else
                {
                    pair.ForEach(draft => Store.RecordResult(experiment.Id, draft));
                }

                Interlocked.Add(ref writes, pair.Count);
            }
        }, TaskCreationOptions.LongRunning)).ToList();
        var editor = Task.Factory.StartNew(() => EditWhileRecording(ds.Id, items, start), TaskCreationOptions.LongRunning);

        Assert.That(Task.WaitAll([.. recorders, editor], TimeSpan.FromMinutes(2)), Is.True, "every writer finished");

        var read = Store.GetExperiment(experiment.Id)!;
        var results = Store.ReadResults(experiment.Id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((read.Recorded, read.Succeeded, read.Failed), Is.EqualTo(((long)runs.Count, (long)runs.Count(r => !r.Fails), (long)runs.Count(r => r.Fails))));
            Assert.That(results.Select(r => (r.ItemId, r.Repetition, r.Error is not null)), Is.EqualTo(runs.Select(r => (r.Item, r.Repetition, r.Fails))), "one result per run, in snapshot order");
            Assert.That(results.Sum(r => r.Attempt), Is.EqualTo(writes), "every write counted once");
            Assert.That(editor.Result, Is.EqualTo(experiment.DatasetVersion + 20), "every edit committed");
            Assert.That(Store.ReadItems(ds.Id, experiment.DatasetVersion).Select(Describe), Is.EqualTo(pinned), "the pinned snapshot never changes");
            Assert.That(Store.ComputeFingerprint(ds.Id, experiment.DatasetVersion), Is.EqualTo(read.DatasetFingerprint));
            Assert.That(StampsAt(ds.Id, experiment.DatasetVersion, runs.Select(r => (r.Item, r.Repetition))), Is.EqualTo(results.Select(r => (r.ItemId, r.Repetition, r.ItemVersion, r.ItemHash))));
            Assert.That(VerifyProblems(), Is.Empty);
        });
    }

    /// <summary>Makes 20 commits to a dataset — edits, deletions and additions — once the recorders start; returns the version reached.</summary>
    private long EditWhileRecording(string datasetId, IReadOnlyList<DatasetItem> items, Barrier start)
    {
        start.SignalAndWait();
        long version = 0;
        for (var e = 0; e < 20; e++)
        {
            version = (e % 4) switch
            {
                0 or 1 => Store.UpdateItem(datasetId, items[e].Id, new ItemPatch { Input = JsonValue.Create("edited " + e) }).Version,
                2 => Store.DeleteItem(datasetId, items[e].Id).Version,
                _ => Store.AddItem(datasetId, Draft("added " + e)).Version,
            };
        }

        return version;
    }

    /// <summary>The stamps a new experiment pinned at <paramref name="version"/> gives the runs: what every experiment pinned there must give.</summary>
    private List<(string, int, long, string)> StampsAt(string datasetId, long version, IEnumerable<(string Item, int Repetition)> runs)
    {
        var check = NewExperiment(datasetId, new ExperimentDefinition { Version = version, Repetitions = 2 });
        Store.RecordResults(check.Id, runs.Select(r => new ResultDraft(r.Item) { Repetition = r.Repetition }));
        return [.. Store.ReadResults(check.Id).Select(r => (r.ItemId, r.Repetition, r.ItemVersion, r.ItemHash))];
    }
}
