using System.Collections.Concurrent;

namespace LiteDatasets;

// The result operations: they delegate to a service of their own. The store keeps its open recorders, to commit what
// they hold when it is disposed.
public abstract partial class DatasetStoreBase
{
    private readonly ConcurrentDictionary<ResultRecorder, bool> _recorders = new();

    /// <inheritdoc/>
    public ExperimentResult RecordResult(string experimentId, ResultDraft draft) => Results.RecordResult(experimentId, draft);

    /// <inheritdoc/>
    public Experiment RecordResults(string experimentId, IEnumerable<ResultDraft> drafts) => Results.RecordResults(experimentId, drafts);

    /// <inheritdoc/>
    public ExperimentResult RecordScores(string experimentId, string itemId, int repetition, IEnumerable<ScoreDraft> scores) =>
        Results.RecordScores(experimentId, itemId, repetition, scores);

    /// <inheritdoc/>
    public ExperimentSummary Summarize(string experimentId) => Results.Summarize(experimentId);

    /// <inheritdoc/>
    public ResultPage ListResults(string experimentId, ResultQuery? query = null) => Results.ListResults(experimentId, query);

    /// <inheritdoc/>
    public IEnumerable<ExperimentResult> ReadResults(string experimentId) => Results.ReadResults(experimentId);

    /// <inheritdoc/>
    public ResultRecorder OpenRecorder(string experimentId, RecorderOptions? options = null)
    {
        var recorder = Results.OpenRecorder(experimentId, options, closed => _recorders.TryRemove(closed, out _));
        _recorders[recorder] = true;
        return recorder;
    }

    /// <summary>
    /// Disposes the store: first commits what its open recorders hold, then runs <paramref name="disposeEngine"/>, then
    /// throws if any of their results were refused and never reported, so that none is lost without a word.
    /// </summary>
    private protected void DisposeWithRecorders(Action disposeEngine)
    {
        var refused = new List<ResultRefusal>();
        var experiments = new List<string>();
        foreach (var recorder in _recorders.Keys)
        {
            var unreported = recorder.CloseWithStore();
            refused.AddRange(unreported);
            experiments.AddRange(unreported.Count > 0 ? [recorder.ExperimentId] : []);
        }

        disposeEngine();
        if (refused.Count > 0)
        {
            throw Errors.ResultsRefused(string.Join("', '", experiments), refused.Count, refused[0]);
        }
    }
}
