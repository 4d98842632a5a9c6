namespace LiteDatasets.Json;

/// <summary>
/// Raised inside the JSON layer when a payload cannot be stored exactly. The store turns it into an
/// <see cref="InvalidPayloadException"/> that also names the item and the payload field.
/// </summary>
internal sealed class PayloadProblem : Exception
{
    public PayloadProblem(string pointer, string problem, Exception? inner = null)
        : base(problem, inner)
    {
        Pointer = pointer;
        Problem = problem;
    }

    /// <summary>Gets the pointer of the problem, relative to the payload root.</summary>
    public string Pointer { get; }

    /// <summary>Gets a phrase describing the problem ("is nested deeper than 64 levels").</summary>
    public string Problem { get; }
}
