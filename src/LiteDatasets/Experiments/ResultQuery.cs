namespace LiteDatasets;

/// <summary>
/// Selects a page of an experiment's results for <see cref="IDatasetStore.ListResults"/>, in the order of its pinned
/// snapshot: every result, or those that meet every condition given. A call with conditions reads at most 10,000
/// results, matching or not, so its page may hold fewer than <see cref="PageSize"/> results — even none — while
/// <see cref="ResultPage.NextCursor"/> says where the next call goes on.
/// </summary>
public sealed record ResultQuery
{
    /// <summary>Gets the page size, 1–1000; 50 by default.</summary>
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor returned as <see cref="ResultPage.NextCursor"/> by the previous page; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>Gets whether to list only results with an error (<see cref="ExperimentResult.Error"/>); <see langword="false"/> by default.</summary>
    public bool FailedOnly { get; init; }

    /// <summary>
    /// Gets a score and a value: only results whose score of that name (case-sensitive) has a value below it are
    /// listed — a result without that score, or with no value for it, is not; <see langword="null"/> (the default) for no such condition.
    /// </summary>
    public ScoreThreshold? ScoreBelow { get; init; }

    /// <summary>
    /// Gets the ids of the items whose results to list (a set: order and repeats do not matter; an id the experiment
    /// has no result of lists nothing); <see langword="null"/> (the default) for no such condition. An empty list is refused.
    /// </summary>
    public IReadOnlyList<string>? ItemIds { get; init; }
}
