namespace LiteDatasets;

/// <summary>The outcome of an integrity check of a store (the LiteDB store's <c>Verify</c>): every broken invariant found, if any.</summary>
/// <param name="DatasetsChecked">How many datasets were checked.</param>
/// <param name="RevisionsChecked">How many stored item revisions were checked.</param>
/// <param name="Problems">Each violation found; empty when the store is healthy.</param>
public sealed record VerifyReport(int DatasetsChecked, long RevisionsChecked, IReadOnlyList<VerifyProblem> Problems)
{
    /// <summary>Gets whether no problem was found.</summary>
    public bool IsHealthy => Problems.Count == 0;
}

/// <summary>One broken invariant.</summary>
/// <param name="DatasetId">The dataset concerned, or <see langword="null"/> for the file as a whole.</param>
/// <param name="Description">What is wrong, in a sentence.</param>
public sealed record VerifyProblem(string? DatasetId, string Description);
