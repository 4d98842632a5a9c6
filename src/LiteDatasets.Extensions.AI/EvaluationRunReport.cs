namespace LiteDatasets.Extensions.AI;

/// <summary>What a run of <see cref="EvaluationRunner.RunAsync"/> did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Recorded">The results it recorded, counting a carried result it scored again as one.</param>
/// <param name="Failed">The recorded results that hold an error (or, scored again, a score that could not be given).</param>
/// <param name="CacheHits">The recorded results whose response came from a <see cref="StoreDistributedCache"/>.</param>
public sealed record EvaluationRunReport(EvaluationRunStatus Status, long Recorded, long Failed, long CacheHits);
