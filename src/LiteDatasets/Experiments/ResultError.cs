namespace LiteDatasets;

/// <summary>The error a run ended with: a result like any other, stored and counted as failed, never dropped.</summary>
/// <param name="Message">What went wrong, for people.</param>
/// <param name="Kind">Which part of the run failed; <see cref="ResultErrorKind.Task"/> by default.</param>
/// <param name="Detail">More about it (a stack trace, a response body), or <see langword="null"/>.</param>
public sealed record ResultError(string Message, ResultErrorKind Kind = ResultErrorKind.Task, string? Detail = null);
