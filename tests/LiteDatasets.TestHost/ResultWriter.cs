using System.Globalization;
using System.Text.Json.Nodes;

namespace LiteDatasets.TestHost;

/// <summary>
/// The <c>result-writer</c> command: opens a store, finds the experiment <see cref="ExperimentName"/> of the dataset
/// <see cref="DatasetName"/>, and records a seeded random series of batches of results into it — through
/// <c>RecordResults</c>, through one <c>ResultRecorder</c> whose every commit is a batch, and one at a time through
/// <c>RecordResult</c> — printing each batch before it is handed over and each commit once it has returned (see
/// <see cref="ResultCrashLine"/>). Every result carries its batch's name and size in its metadata, so that a test that
/// kills the writer can tell, from the file alone, which batches it holds and whether any of them only in part.
/// </summary>
internal sealed class ResultWriter
{
    /// <summary>The dataset whose experiment the writer records into; the test creates both before the first run.</summary>
    public const string DatasetName = "results";

    /// <summary>The name of the experiment the writer records into.</summary>
    public const string ExperimentName = "crash-results";

    private readonly DatasetStore _store;
    private readonly string _experimentId;
    private readonly List<string> _itemIds;
    private readonly int _repetitions;
    private readonly Random _random;
    private readonly string _tag;
    private readonly int _recorderBatch;
    private ResultRecorder? _recorder;

    private ResultWriter(DatasetStore store, Experiment experiment, List<string> itemIds, int seed, string tag, bool largeRecorder)
    {
        _store = store;
        _experimentId = experiment.Id;
        _itemIds = itemIds;
        _repetitions = experiment.Repetitions;
        _random = new Random(seed);
        _tag = tag;

        // The recorder commits by count alone (no interval), so each of its commits is exactly one batch of this size.
        _recorderBatch = largeRecorder ? _random.Next(300, 601) : _random.Next(5, 151);
    }

    /// <summary>
    /// Runs the command: <paramref name="tag"/> makes this run's batch names unique in the file; batch number
    /// <paramref name="largeAt"/> (counting from 0; -1 for none) is a large one recorded as <paramref name="largeOp"/>
    /// (<c>record</c> or <c>recorder</c>), so that a test that wants to kill the writer inside one need not wait long for it.
    /// </summary>
    public static int Run(DatasetStoreOptions options, int seed, string tag, int batches, int largeAt, string largeOp)
    {
        Program.Say(CrashLine.Opening);
        using var store = DatasetStore.Open(options);
        var dataset = store.FindDataset(DatasetName);
        var experiment = dataset is null ? null : store.FindExperiment(dataset.Id, ExperimentName);
        if (experiment is null)
        {
            Program.Say($"mismatch the experiment '{ExperimentName}' of the dataset '{DatasetName}' does not exist");
            return ExitCodes.OtherError;
        }

        var itemIds = store.ReadItems(dataset!.Id, experiment.DatasetVersion).Select(i => i.Id).ToList();
        var writer = new ResultWriter(store, experiment, itemIds, seed, tag, largeRecorder: largeOp == "recorder");
        Program.Say(ResultCrashLine.FormatCounters(experiment));
        for (var i = 0; i < batches; i++)
        {
            if (writer.RecordBatch(i, i == largeAt ? largeOp : null) is { } problem)
            {
                Program.Say("mismatch " + problem);
                return ExitCodes.OtherError;
            }
        }

        // Waits to be killed; a test that closes standard input instead gets a normal close.
        Program.Say(CrashLine.Idle);
        Console.In.ReadLine();
        return ExitCodes.Ok;
    }

    /// <summary>Records batch number <paramref name="number"/> (a large one when <paramref name="largeOp"/> is set); returns what went wrong, or null.</summary>
    private string? RecordBatch(int number, string? largeOp)
    {
        var (op, size) = largeOp switch
        {
            "record" => ("record", _random.Next(300, 601)),
            "recorder" => ("recorder", _recorderBatch),
            _ => _random.Next(10) switch
            {
                < 3 => ("single", 1),
                < 7 => ("record", _random.Next(2, 61)),
                _ => ("recorder", _recorderBatch),
            },
        };
        var batch = _tag + "-b" + number.ToString(CultureInfo.InvariantCulture);
        var runs = ChooseRuns(size);
        var drafts = runs.Select(r => Draft(batch, size, r)).ToList();
        Program.Say(ResultCrashLine.FormatBegin(batch, op, runs));

        Experiment after;
        switch (op)
        {
            case "single":
                _store.RecordResult(_experimentId, drafts[0]);
                after = _store.GetExperiment(_experimentId)!;
                break;
            case "record":
                after = _store.RecordResults(_experimentId, CrashWriter.Marked(drafts));
                break;
            default:
                _recorder ??= _store.OpenRecorder(_experimentId, new RecorderOptions { BatchSize = _recorderBatch, FlushInterval = Timeout.InfiniteTimeSpan });
                var before = _recorder.Recorded;
                foreach (var draft in CrashWriter.Marked(drafts))
                {
                    _recorder.Add(draft);
                }

                // The last Add started the commit of the batch; the flush only waits for it.
                _recorder.FlushAsync().GetAwaiter().GetResult();
                if (_recorder.Recorded != before + size)
                {
                    return $"the recorder committed {_recorder.Recorded - before} results of batch {batch}, not {size}";
                }

                after = _store.GetExperiment(_experimentId)!;
                break;
        }

        Program.Say(ResultCrashLine.FormatCounters(after, batch));
        return null;
    }

    /// <summary>Chooses <paramref name="size"/> different runs of the experiment (some recorded before, some not), about one in eight failed.</summary>
    private List<(int Item, int Repetition, bool Failed)> ChooseRuns(int size)
    {
        var all = Enumerable.Range(0, _itemIds.Count * _repetitions).ToList();
        for (var i = 0; i < size; i++)
        {
            var j = _random.Next(i, all.Count);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all.Take(size).Select(run => (run / _repetitions, run % _repetitions, _random.Next(8) == 0)).ToList();
    }

    /// <summary>The result of one run: an output and a score, or an error; its metadata name the batch and its size.</summary>
    private ResultDraft Draft(string batch, int size, (int Item, int Repetition, bool Failed) run) => new(_itemIds[run.Item])
    {
        Repetition = run.Repetition,
        Output = run.Failed ? null : new JsonObject { ["answer"] = "answer of " + batch, ["steps"] = run.Item % 5 },
        Error = run.Failed ? new ResultError("the task failed in " + batch, ResultErrorKind.Task) : null,
        Scores = run.Failed ? null : [new ScoreDraft("exact") { Value = run.Item % 2, Passed = run.Item % 2 == 1 }],
        Metadata = new JsonObject { ["batch"] = batch, ["size"] = size },
    };
}
