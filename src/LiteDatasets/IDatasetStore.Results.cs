namespace LiteDatasets;

// Results: one per run (an item of an experiment and a repetition), recorded by the caller, stamped by the store.
public partial interface IDatasetStore
{
    /// <summary>
    /// Records the result of one run of a running experiment, replacing the one recorded before for the same item and
    /// repetition (the last write wins; <see cref="ExperimentResult.Attempt"/> counts the writes). The store stamps it
    /// with the item's version and hash at the experiment's pinned version, and keeps the experiment's counters in the
    /// same commit. It locks the experiment alone: editing the dataset meanwhile neither waits nor is waited for.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="draft">The run's item, repetition, output or error, timings, usage and scores.</param>
    /// <returns>The result as stored.</returns>
    /// <exception cref="ArgumentException">A malformed part: an id or label, a negative repetition, count, cost or duration, a score named twice, a value that is not finite.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentClosed"/>, <see cref="ErrorCode.ItemNotInExperiment"/>
    /// (the item is not live at the pinned version or not in the filter, or the repetition is not below <see cref="Experiment.Repetitions"/>),
    /// or <see cref="ErrorCode.InvalidPayload"/> (the output or metadata cannot be stored exactly, or the result is too large).
    /// </exception>
    ExperimentResult RecordResult(string experimentId, ResultDraft draft);

    /// <summary>
    /// Records the results of many runs of a running experiment as one commit: every one of them, or — if any is
    /// refused — none. Each replaces the result recorded before for its run, as <see cref="RecordResult"/> does; a run
    /// may appear once per call. An empty batch writes nothing.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="drafts">The runs.</param>
    /// <returns>The experiment after the commit, with its counters.</returns>
    /// <exception cref="ArgumentException">A malformed draft (see <see cref="RecordResult"/>), or a run given twice.</exception>
    /// <exception cref="LiteDatasetsException">As for <see cref="RecordResult"/>; <see cref="InvalidPayloadException.ItemIndex"/> names the draft.</exception>
    Experiment RecordResults(string experimentId, IEnumerable<ResultDraft> drafts);

    /// <summary>
    /// Adds scores to the recorded result of one run, or replaces those of the same names (exact, case-sensitive
    /// names): a replaced score keeps its place in <see cref="ExperimentResult.Scores"/>, a new one goes last, in the
    /// order given, and each one written gets the time of this commit as its <see cref="ResultScore.RecordedAt"/>. Other
    /// scores, the output, the error, <see cref="ExperimentResult.Attempt"/>, <see cref="ExperimentResult.RecordedAt"/>
    /// and the experiment's counters stay as they were. A running or a completed experiment takes scores (outputs are
    /// final once it is completed, judging them may go on); a cancelled one does not. It locks the experiment alone, as
    /// <see cref="RecordResult"/> does. No scores write nothing, and return the result as stored.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="itemId">The id of the run's item.</param>
    /// <param name="repetition">The run's repetition, from 0.</param>
    /// <param name="scores">The scores, each name once.</param>
    /// <returns>The result as stored after the commit.</returns>
    /// <exception cref="ArgumentException">A malformed id or score (see <see cref="RecordResult"/>), a negative repetition, or a score named twice.</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentClosed"/> (the experiment is cancelled),
    /// <see cref="ErrorCode.ItemNotInExperiment"/> (not a run of the experiment), <see cref="ErrorCode.ResultNotFound"/>
    /// (a run of it without a result yet), or <see cref="ErrorCode.InvalidPayload"/> (metadata that cannot be stored
    /// exactly, or a result that would grow too large).
    /// </exception>
    ExperimentResult RecordScores(string experimentId, string itemId, int repetition, IEnumerable<ScoreDraft> scores);

    /// <summary>
    /// Sums up an experiment's results at its pinned version: the counts of runs, per score name its statistics and
    /// verdicts, latency percentiles, tokens and cost, and the errors by kind. It reads the results as
    /// <see cref="ReadResults"/> streams them, in short reads, holding only the durations; results recorded meanwhile
    /// may or may not be counted.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>, also if it is deleted while it is read.</exception>
    ExperimentSummary Summarize(string experimentId);

    /// <summary>
    /// Lists an experiment's results a page at a time, in the order of its pinned snapshot (the order in which the
    /// items were first added), the repetitions of an item in ascending order: all of them, or those that meet the
    /// conditions of <paramref name="query"/> (failed ones, a score below a value, some items). A call with conditions
    /// reads at most 10,000 results, so its page may hold fewer than the page size (even none) and still have a cursor.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="query">Page size, cursor and conditions; <see langword="null"/> for the first 50 results.</param>
    /// <returns>One page of results.</returns>
    /// <exception cref="ArgumentException">A malformed cursor, page size or condition (an empty item id list, a score value that is not finite).</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>.</exception>
    ResultPage ListResults(string experimentId, ResultQuery? query = null);

    /// <summary>
    /// Streams every result of an experiment in the order of <see cref="ListResults"/>, in short reads (the caller may
    /// pause or await between results). The experiment is looked up when the enumeration starts; if it is deleted
    /// meanwhile, the enumeration fails rather than end early.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <returns>The results, lazily.</returns>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>, when enumerated.</exception>
    IEnumerable<ExperimentResult> ReadResults(string experimentId);

    /// <summary>
    /// Opens a recorder of a running experiment: a thread-safe buffer that many concurrent tasks add results to, and that
    /// commits them in batches (by count and by time), each as <see cref="RecordResults"/> does. Dispose it (await
    /// <see cref="ResultRecorder.DisposeAsync"/>) to commit the rest; disposing the store commits what undisposed recorders hold.
    /// </summary>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="options">Batch size and flush interval; <see langword="null"/> for 100 results or one second.</param>
    /// <returns>The recorder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A batch size or interval out of range.</exception>
    /// <exception cref="LiteDatasetsException"><see cref="ErrorCode.ExperimentNotFound"/>, <see cref="ErrorCode.ExperimentClosed"/> or <see cref="ErrorCode.ReadOnly"/>.</exception>
    ResultRecorder OpenRecorder(string experimentId, RecorderOptions? options = null);
}
