namespace LiteDatasets;

/// <summary>One broken invariant.</summary>
/// <param name="DatasetId">The dataset concerned, or <see langword="null"/> for the file as a whole.</param>
/// <param name="Description">What is wrong, in a sentence.</param>
public sealed record VerifyProblem(string? DatasetId, string Description);
