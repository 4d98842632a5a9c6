namespace LiteDatasets;

/// <summary>
/// Thrown with <see cref="ErrorCode.SchemaViolation"/> when content does not satisfy the dataset's input or
/// expected-output schema. Nothing was written. <see cref="Failures"/> lists each failing location of the
/// first failing items; <see cref="FailingItemCount"/> counts all of them.
/// </summary>
public sealed class SchemaViolationException : LiteDatasetsException
{
    internal SchemaViolationException(string message, IReadOnlyList<SchemaFailure> failures, int failingItemCount)
        : base(ErrorCode.SchemaViolation, message)
    {
        Failures = failures;
        FailingItemCount = failingItemCount;
    }

    /// <summary>
    /// Gets the failing locations, of the first 100 failing items at most, and of the item whose check spent the
    /// call's time budget for pattern matching when that refused the call (it is then the last).
    /// </summary>
    public IReadOnlyList<SchemaFailure> Failures { get; }

    /// <summary>Gets how many items failed in all.</summary>
    public int FailingItemCount { get; }
}
