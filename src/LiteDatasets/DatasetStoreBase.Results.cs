namespace LiteDatasets;

// The result operations: they delegate to a service of their own.
public abstract partial class DatasetStoreBase
{
    /// <inheritdoc/>
    public ExperimentResult RecordResult(string experimentId, ResultDraft draft) => Results.RecordResult(experimentId, draft);

    /// <inheritdoc/>
    public Experiment RecordResults(string experimentId, IEnumerable<ResultDraft> drafts) => Results.RecordResults(experimentId, drafts);

    /// <inheritdoc/>
    public ResultPage ListResults(string experimentId, ResultQuery? query = null) => Results.ListResults(experimentId, query);

    /// <inheritdoc/>
    public IEnumerable<ExperimentResult> ReadResults(string experimentId) => Results.ReadResults(experimentId);
}
