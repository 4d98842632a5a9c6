namespace LiteDatasets;

/// <summary>A record an import skipped because it was malformed (<see cref="ImportOptions.SkipBadLines"/>).</summary>
/// <param name="LineNumber">The 1-based line where the record starts.</param>
/// <param name="Reason">Why it was skipped, in a sentence.</param>
public sealed record SkippedLine(long LineNumber, string Reason);
