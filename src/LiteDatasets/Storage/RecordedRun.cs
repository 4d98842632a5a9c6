namespace LiteDatasets.Storage;

/// <summary>What a result write needs to know of the result it replaces: how often the run was recorded, and whether the last write failed.</summary>
/// <param name="Key">The run.</param>
/// <param name="Attempt">The writes so far.</param>
/// <param name="Failed">Whether the stored result has an error.</param>
internal readonly record struct RecordedRun(ResultKey Key, int Attempt, bool Failed);
