using System.Runtime.ExceptionServices;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// A repeatable write waiting for, or run by, the writer that leads a batch (see
/// <see cref="ExclusiveConnection.WriteRepeatable{T}"/>): its body, and once it has run for good, its outcome and the
/// journal commit that holds it. The leader runs the body on its own thread, maybe more than once; the caller waits
/// on the write's own signal until it is <see cref="Done"/> and woken (<see cref="Wake"/>), or <see cref="Leads"/>.
/// </summary>
internal sealed class QueuedWrite(Func<(object? Result, bool Changed)> body)
{
    // The caller waits on a signal of its own: a wait shared by every queued writer would wake them all at each
    // batch, and their spinning would take the cores from the leader.
    private readonly object _signal = new();
    private bool _signalled;
    private object? _result;
    private ExceptionDispatchInfo? _error;

    // Written last, after the outcome: whoever sees it set (the caller after its signal, a leader between batches)
    // sees the outcome too.
    private volatile bool _done;

    /// <summary>Gets whether a leader has taken the write into a batch (it can no longer give up waiting).</summary>
    public bool Taken { get; private set; }

    /// <summary>Gets whether the write has its final outcome.</summary>
    public bool Done => _done;

    /// <summary>Gets the number of the journal commit that holds the write, or the last commit it may have read.</summary>
    public long Commit { get; private set; }

    /// <summary>Gets whether the write's caller is to lead the next batches (set under the connection's queue lock).</summary>
    public bool Leads { get; private set; }

    /// <summary>Marks the write as taken into a batch.</summary>
    public void Take() => Taken = true;

    /// <summary>Makes the write's caller the next leader and wakes it.</summary>
    public void Lead()
    {
        Leads = true;
        Signal();
    }

    /// <summary>Waits until the write is done or its caller is to lead; false when <paramref name="timeout"/> passed first.</summary>
    public bool Wait(TimeSpan timeout)
    {
        lock (_signal)
        {
            if (!_signalled)
            {
                Monitor.Wait(_signal, timeout);
            }

            return _signalled;
        }
    }

    /// <summary>
    /// Runs the body inside the leader's transaction; false when the batch cannot be committed as it is: the body
    /// refused the call (threw) or changed nothing (its transaction would be rolled back). Either way the write is
    /// run again alone, so what this run returned or threw is not its outcome.
    /// </summary>
    public bool TryRunInBatch()
    {
        try
        {
            var (result, changed) = body();
            _result = result;
            return changed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>Runs the body as the whole of a transaction (alone).</summary>
    public (object? Result, bool Changed) Run() => body();

    /// <summary>Records the outcome of a run in a committed batch, or alone.</summary>
    public void Succeed(object? result, long commit)
    {
        _result = result;
        Commit = commit;
        _done = true;
    }

    /// <summary>Records the outcome of the last run of a batch that committed.</summary>
    public void Succeed(long commit) => Succeed(_result, commit);

    /// <summary>Records the failure the caller gets.</summary>
    public void Fail(Exception error, long commit)
    {
        _error = ExceptionDispatchInfo.Capture(error);
        Commit = commit;
        _done = true;
    }

    /// <summary>Wakes the caller of a write that is done, to take its outcome.</summary>
    public void Wake() => Signal();

    /// <summary>Returns the result to the caller, or throws its failure on the caller's thread.</summary>
    public T Outcome<T>()
    {
        _error?.Throw();
        return (T)_result!;
    }

    private void Signal()
    {
        lock (_signal)
        {
            _signalled = true;
            Monitor.Pulse(_signal);
        }
    }
}
