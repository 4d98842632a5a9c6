using System.Globalization;
using LiteDatasets.TestHost;

namespace LiteDatasets.Tests.Engines.LiteDb;

public sealed partial class ResultCrashTests
{
    /// <summary>
    /// Checks the file a killed child left against the model: the child opened it at the model's counters; each of its
    /// commits followed its batch and reported the counters the model has after it; the file opens and verifies; the
    /// batch in flight, if any, is there whole or not at all; and then the results and counters are exactly the model's.
    /// </summary>
    private static void CheckAfterKill(ResultFile file, List<ResultCrashLine> lines, string context, Tally tally)
    {
        if (lines.FirstOrDefault(l => l.Kind == CrashLine.Open) is { } open)
        {
            Assert.That(open.Counters, Is.EqualTo(file.Counters), $"{context}\nThe writer opened the experiment at other counters than the test found.");
        }
        else
        {
            tally.KillsBeforeOpen++;
        }

        var inFlight = ApplyCommits(file, lines, context, tally);
        using var store = CrashTests.OpenAfterCrash(file.Path, context);
        CrashTests.AssertHealthy(store, context);
        var stored = ReadStored(store, file, context);
        if (inFlight is not null)
        {
            tally.InFlight[inFlight.Op] = tally.InFlight.GetValueOrDefault(inFlight.Op) + 1;
            var found = inFlight.Runs.Count(r => stored.TryGetValue((r.Item, r.Repetition), out var run) && run.Batch == inFlight.Batch);
            Assert.That(found == 0 || found == inFlight.Runs.Count, Is.True,
                $"{context}\nThe batch {inFlight.Batch} ({inFlight.Op}) in flight at the kill left {found} of its {inFlight.Runs.Count} results: a batch must be whole or absent.");
            if (found > 0)
            {
                file.Apply(inFlight);
                tally.InFlightKept++;
                tally.BatchesChecked++;
            }
            else
            {
                tally.InFlightDropped++;
            }
        }

        CheckResults(file, stored, context);
        CheckCounters(store, file, context);
    }

    /// <summary>Applies the batches the child saw committed to the model, checking each commit's counters; returns the batch in flight at the kill, or null.</summary>
    private static ResultCrashLine? ApplyCommits(ResultFile file, List<ResultCrashLine> lines, string context, Tally tally)
    {
        ResultCrashLine? begun = null;
        foreach (var line in lines)
        {
            if (line.Kind == CrashLine.Begin)
            {
                Assert.That(begun, Is.Null, $"{context}\nThe writer began {line.Batch} before {begun?.Batch} was committed.");
                Assert.That(line.Runs, Has.Count.EqualTo(int.Parse(line.Text.Split(' ')[3], CultureInfo.InvariantCulture)), $"{context}\nThe begin line of {line.Batch} does not hold its size in runs.");
                file.Begun(line);
                begun = line;
            }
            else if (line.Kind == CrashLine.Commit)
            {
                Assert.That(begun?.Batch, Is.EqualTo(line.Batch), $"{context}\nThe writer committed {line.Batch}, which is not the batch it began.");
                file.Apply(begun!);
                Assert.That(line.Counters, Is.EqualTo(file.Counters), $"{context}\nThe counters the store reported after {line.Batch}.");
                tally.BatchesChecked++;
                begun = null;
            }
        }

        return begun;
    }

    /// <summary>Reads every result of the experiment, by run, as the batch that wrote it, whether it failed, and its attempt.</summary>
    private static Dictionary<(int Item, int Repetition), Run> ReadStored(DatasetStore store, ResultFile file, string context)
    {
        var stored = new Dictionary<(int, int), Run>();
        foreach (var result in store.ReadResults(file.ExperimentId))
        {
            var batch = result.Metadata?["batch"]?.GetValue<string>();
            var size = result.Metadata?["size"]?.GetValue<int>();
            Assert.That(batch is not null && file.Sizes.ContainsKey(batch) && size == file.Sizes[batch], Is.True,
                $"{context}\nThe result of item {file.IndexOf[result.ItemId]}, repetition {result.Repetition} names batch {batch} of {size}, which no child began.");
            stored.Add((file.IndexOf[result.ItemId], result.Repetition), new Run(batch!, result.Error is not null, result.Attempt));
        }

        return stored;
    }

    /// <summary>Checks that each run holds the result of the last batch that wrote it, and counts its writes.</summary>
    private static void CheckResults(ResultFile file, Dictionary<(int Item, int Repetition), Run> stored, string context)
    {
        var wrong = file.Runs.Where(r => !stored.TryGetValue(r.Key, out var found) || found != r.Value)
            .Select(r => $"item {r.Key.Item}, repetition {r.Key.Repetition}: expected {r.Value}, found {(stored.TryGetValue(r.Key, out var found) ? found : "nothing")}")
            .Concat(stored.Keys.Where(k => !file.Runs.ContainsKey(k)).Select(k => $"item {k.Item}, repetition {k.Repetition}: expected nothing, found {stored[k]}"))
            .ToList();
        Assert.That(wrong, Is.Empty, $"{context}\nThe results differ from the committed batches in {wrong.Count} runs (the first ten shown).\n  " + string.Join("\n  ", wrong.Take(10)));
    }

    /// <summary>Checks the experiment's counters and its pending work against the model.</summary>
    private static void CheckCounters(DatasetStore store, ResultFile file, string context)
    {
        var experiment = store.GetExperiment(file.ExperimentId)!;
        var (recorded, succeeded, failed) = file.Counters;
        var pending = store.GetPendingWork(file.ExperimentId).Count();
        Assert.Multiple(() =>
        {
            Assert.That((experiment.Recorded, experiment.Succeeded, experiment.Failed), Is.EqualTo(file.Counters), $"{context}\nThe experiment's counters.");
            Assert.That(experiment.ExpectedRuns, Is.EqualTo(Items * Repetitions), $"{context}\nThe experiment's expected runs.");
            Assert.That(pending, Is.EqualTo(Items * Repetitions - succeeded), $"{context}\nThe pending runs (none recorded, or failed): {recorded} recorded, {failed} failed.");
        });
    }

    /// <summary>What a run holds: the batch that last wrote it, whether that result is an error, and how many batches wrote it.</summary>
    private sealed record Run(string Batch, bool Failed, int Attempt);

    /// <summary>One store file that several trials share, with a model of its experiment's results.</summary>
    private sealed class ResultFile
    {
        private ResultFile(string directory, int number, string experimentId, List<string> itemIds)
        {
            Path = System.IO.Path.Combine(directory, "results.litedb");
            Number = number;
            ExperimentId = experimentId;
            IndexOf = itemIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        }

        public int Number { get; }

        public string Path { get; }

        public string ExperimentId { get; }

        /// <summary>Gets each item's place in the pinned snapshot, by id: the number the writer names it by.</summary>
        public Dictionary<string, int> IndexOf { get; }

        /// <summary>Gets every run that holds a result, as the batches committed so far left it.</summary>
        public Dictionary<(int Item, int Repetition), Run> Runs { get; } = [];

        /// <summary>Gets the size of every batch begun on the file so far.</summary>
        public Dictionary<string, int> Sizes { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the counters the experiment must have: recorded, succeeded and failed runs.</summary>
        public (long Recorded, long Succeeded, long Failed) Counters
        {
            get
            {
                var failed = Runs.Values.LongCount(r => r.Failed);
                return (Runs.Count, Runs.Count - failed, failed);
            }
        }

        /// <summary>Creates a file holding the dataset and the running experiment the writer records into.</summary>
        public static ResultFile Create(TempDirectory root, int number)
        {
            var directory = root.File("file-" + number.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(directory);
            using var store = TestStores.Open(System.IO.Path.Combine(directory, "results.litedb"));
            var dataset = store.CreateDataset(new DatasetDefinition(ResultWriter.DatasetName));
            store.AddItems(dataset.Id, Enumerable.Range(0, Items).Select(i => TestStores.Draft("question " + i.ToString(CultureInfo.InvariantCulture))));
            var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition { Name = ResultWriter.ExperimentName, Repetitions = Repetitions });
            var itemIds = store.ReadItems(dataset.Id, experiment.DatasetVersion).Select(i => i.Id).ToList();
            return new ResultFile(directory, number, experiment.Id, itemIds);
        }

        /// <summary>Records a committed batch in the model: each of its runs now holds its result, one write more.</summary>
        public void Apply(ResultCrashLine batch)
        {
            foreach (var (item, repetition, failed) in batch.Runs)
            {
                var attempt = Runs.TryGetValue((item, repetition), out var before) ? before.Attempt + 1 : 1;
                Runs[(item, repetition)] = new Run(batch.Batch, failed, attempt);
            }
        }

        /// <summary>Notes the size of a batch a child began, committed or not.</summary>
        public void Begun(ResultCrashLine batch) => Sizes[batch.Batch] = batch.Runs.Count;
    }
}
