namespace LiteDatasets.Extensions.AI;

/// <summary>
/// Counts the reads of <see cref="StoreDistributedCache"/>s made on behalf of one run, so that the runner can tell
/// whether the response came from the cache: the runner sets <see cref="Current"/> around the call that produces the
/// response, and the value flows with the call into the chat client and its cache, wherever they await.
/// </summary>
internal sealed class CacheProbe
{
    private static readonly AsyncLocal<CacheProbe?> s_current = new();
    private int _hits;
    private int _misses;

    /// <summary>Gets or sets the probe of the run in progress on this flow, if any.</summary>
    public static CacheProbe? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    /// <summary>Gets whether a read found an entry (true), only missed (false), or none was made (null).</summary>
    public bool? Hit => Volatile.Read(ref _hits) > 0 ? true : Volatile.Read(ref _misses) > 0 ? false : null;

    /// <summary>Records a read of the cache.</summary>
    public void Record(bool found)
    {
        if (found)
        {
            Interlocked.Increment(ref _hits);
        }
        else
        {
            Interlocked.Increment(ref _misses);
        }
    }
}
