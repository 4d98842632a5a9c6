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
