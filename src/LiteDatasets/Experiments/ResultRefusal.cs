namespace LiteDatasets;

/// <summary>A result a <see cref="ResultRecorder"/> could not record, and why.</summary>
/// <param name="Draft">The draft as it was added.</param>
/// <param name="Error">
/// Why it was refused: a <see cref="LiteDatasetsException"/> such as <see cref="ErrorCode.ItemNotInExperiment"/> or
/// <see cref="ErrorCode.ExperimentClosed"/>, or the failure of the commit it was part of.
/// </param>
public sealed record ResultRefusal(ResultDraft Draft, Exception Error);
