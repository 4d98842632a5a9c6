using LiteDatasets.Storage;

namespace LiteDatasets.Services;

/// <summary>
/// The results of experiments: recording them, one or a batch per commit, adding scores to them, and reading them
/// back in the order of the experiment's pinned snapshot, page by page (see <see cref="ResultListing"/>), streamed, or summed up.
/// </summary>
/// <remarks>
/// Locks: a result write locks only its experiment's row (<see cref="IStorageEngine.WriteRowLocked{T}"/>), never its
/// dataset: it reads the item's revision at the pinned version, which no later commit changes (a commit only closes
/// revisions live at its own version, above the pin), so editors of the dataset and a harness recording results never
/// wait for each other. The experiment's row lock serialises its writers, so its counters stay equal to its results.
/// </remarks>
internal sealed class ExperimentResults(IStorageEngine engine, TimeProvider clock)
{
    private readonly ResultListing _listing = new(engine);
    private readonly PinnedStamps _pins = new();

    public ExperimentResult RecordResult(string experimentId, ResultDraft draft)
    {
        Guard.Name(experimentId);
        var prepared = PreparedResult.From(draft, null, nameof(draft));
        return engine.WriteRowLockedRepeatable(rows => (ResultWrite.Run(rows, _pins, experimentId, [prepared], Time.Now(clock)).Rows[0].ToResult(), true));
    }

    public Experiment RecordResults(string experimentId, IEnumerable<ResultDraft> drafts)
    {
        Guard.Name(experimentId);
        Guard.NotNull(drafts);
        return RecordPrepared(experimentId, Prepare(drafts));
    }

    /// <summary>Records checked drafts, each run once, as one commit.</summary>
    public Experiment RecordPrepared(string experimentId, IReadOnlyList<PreparedResult> prepared) =>
        engine.WriteRowLocked(rows =>
        {
            var write = ResultWrite.Run(rows, _pins, experimentId, prepared, Time.Now(clock));
            return (ResultWrite.ExperimentOf(rows, write.Experiment), prepared.Count > 0);
        });

    /// <summary>Adds or replaces scores of a recorded run, by name, in one commit under the experiment's row lock.</summary>
    public ExperimentResult RecordScores(string experimentId, string itemId, int repetition, IEnumerable<ScoreDraft> scores)
    {
        Guard.Name(experimentId);
        Guard.Name(itemId);
        Guard.InRange(repetition, 0, ExperimentDefinition.MaxRepetitions - 1);
        var given = Guard.NotNull(scores).ToList();
        var metadata = PreparedResult.CheckScores(given, nameof(scores), part => PreparedResult.Encode(part, null, itemId, repetition));
        return engine.WriteRowLockedRepeatable(rows =>
        {
            var (row, changed) = ScoreWrite.Run(rows, _pins, experimentId, itemId, repetition, given, metadata, Time.Now(clock));
            return (row.ToResult(), changed);
        });
    }

    /// <summary>Sums up an experiment's results, streamed as <see cref="ReadResults"/> streams them.</summary>
    public ExperimentSummary Summarize(string experimentId)
    {
        Guard.Name(experimentId);
        var started = engine.Read(rows => rows.FindExperiment(experimentId)) ?? throw Errors.ExperimentNotFound(experimentId);
        var tally = new SummaryTally();
        foreach (var result in Stream(experimentId, started))
        {
            tally.Add(result);
        }

        return tally.ToSummary(experimentId, started.ExpectedRuns);
    }

    /// <summary>Opens a recorder of a running experiment; <paramref name="closed"/> is told when it closes.</summary>
    public ResultRecorder OpenRecorder(string experimentId, RecorderOptions? options, Action<ResultRecorder> closed)
    {
        Guard.Name(experimentId);
        options ??= new RecorderOptions();
        Guard.InRange(options.BatchSize, 1, RecorderOptions.MaxBatchSize, nameof(options) + ".BatchSize");
        Guard.PositiveOrInfinite(options.FlushInterval, nameof(options) + ".FlushInterval");
        if (engine.IsReadOnly)
        {
            throw Errors.ReadOnly();
        }

        var experiment = engine.Read(rows => rows.FindExperiment(experimentId)) ?? throw Errors.ExperimentNotFound(experimentId);
        return experiment.Status == ExperimentStatus.Running
            ? new ResultRecorder(this, experimentId, options, clock, closed)
            : throw Errors.ResultsClosed(experimentId, experiment.Status);
    }

    public ResultPage ListResults(string experimentId, ResultQuery? query) => _listing.ListResults(experimentId, query);

    public IEnumerable<ExperimentResult> ReadResults(string experimentId)
    {
        Guard.Name(experimentId);
        return Stream(experimentId, null);
    }

    /// <summary>Streams an experiment's results (see <see cref="ResultRows"/>), looked up when the enumeration starts unless the caller just did.</summary>
    private IEnumerable<ExperimentResult> Stream(string experimentId, ExperimentRow? lookedUp)
    {
        var started = lookedUp ?? engine.Read(rows => rows.FindExperiment(experimentId)) ?? throw Errors.ExperimentNotFound(experimentId);
        foreach (var row in ResultRows.Stream(engine, experimentId, started))
        {
            yield return row.ToResult();
        }
    }

    /// <summary>Checks and encodes a batch; a run may appear once in it.</summary>
    private static List<PreparedResult> Prepare(IEnumerable<ResultDraft> drafts)
    {
        var prepared = new List<PreparedResult>();
        var runs = new Dictionary<(string, int), int>();
        foreach (var draft in drafts)
        {
            var index = prepared.Count;
            var result = PreparedResult.From(draft, index, "drafts[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]");
            if (!runs.TryAdd((result.ItemId, result.Repetition), index))
            {
                throw new ArgumentException(
                    $"Drafts {runs[(result.ItemId, result.Repetition)]} and {index} both record repetition {result.Repetition} of item '{result.ItemId}'. A run may appear once per call.",
                    nameof(drafts));
            }

            prepared.Add(result);
        }

        return prepared;
    }
}
