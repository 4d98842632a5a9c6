namespace LiteDatasets.Extensions.AI;

/// <summary>Counts what a run of <see cref="EvaluationRunner"/> recorded; items in progress add to it at once.</summary>
internal sealed class RunTally
{
    private long _recorded;
    private long _failed;
    private long _cacheHits;

    public long Recorded => Interlocked.Read(ref _recorded);

    public long Failed => Interlocked.Read(ref _failed);

    public long CacheHits => Interlocked.Read(ref _cacheHits);

    public void Add(ResultDraft draft)
    {
        Interlocked.Increment(ref _recorded);
        if (draft.Error is not null)
        {
            Interlocked.Increment(ref _failed);
        }

        if (draft.CacheHit == true)
        {
            Interlocked.Increment(ref _cacheHits);
        }
    }

    /// <summary>Counts a run whose stored output was scored again; it failed if a score could not be given, or none was.</summary>
    public void Add(IReadOnlyList<ScoreDraft> rescored)
    {
        Interlocked.Increment(ref _recorded);
        if (rescored.Count == 0 || rescored.Any(s => s.Error is not null))
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
