namespace LiteDatasets;

// Comparison: two experiments of one dataset, item by item.
public partial interface IDatasetStore
{
    /// <summary>
    /// Compares two experiments of one dataset: their pins and summaries (latency, tokens, cost, error rate), what
    /// differs in how they were run, and per score what moved from the baseline to the candidate, over the items both
    /// have results of. Items are lined up by id, each one's repetitions averaged first; items only one side has are
    /// counted apart, and so are items whose content differs between the two pins (excluded from the scores' figures
    /// unless <see cref="CompareOptions.IncludeContentChanged"/> is set). Both experiments' results are read in the
    /// order of the pinned snapshots, a chunk at a time, and merged, so memory does not grow with the results (but for
    /// each side's durations, which its summary's percentiles need); <see cref="ExperimentComparison.Items"/> reads
    /// them again when enumerated. Results recorded meanwhile may or may not be counted.
    /// </summary>
    /// <param name="baselineId">The id of the experiment compared against.</param>
    /// <param name="candidateId">The id of the experiment compared.</param>
    /// <param name="options">Per score its direction, minimum delta and tolerance, and whether content-changed items count; <see langword="null"/> for the defaults.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">A malformed id, or a score's options out of range (a negative or non-finite minimum delta or tolerance, no direction).</exception>
    /// <exception cref="LiteDatasetsException">
    /// <see cref="ErrorCode.ExperimentNotFound"/> (also if one is deleted while it is read), or
    /// <see cref="ErrorCode.IncompatibleExperiments"/> (they evaluate different datasets).
    /// </exception>
    ExperimentComparison CompareExperiments(string baselineId, string candidateId, CompareOptions? options = null);
}
