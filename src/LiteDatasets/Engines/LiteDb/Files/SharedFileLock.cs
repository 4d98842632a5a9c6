using System.Diagnostics;

namespace LiteDatasets.Engines.LiteDb.Files;

/// <summary>
/// The lock one shared-mode operation holds on the store file, across every process and every handle, whatever
/// path each opened the file through (see <see cref="RangeLock"/>). A writer holds it alone; read-only openers
/// share it with each other. Callers queue at a second byte (the turnstile) before they wait for the lock, so a
/// process that runs operations back to back lets a waiting one in: it must pass the turnstile again, which the
/// waiter holds until it has the lock.
/// </summary>
internal sealed class SharedFileLock(FileStream file, bool exclusive)
{
    /// <summary>Far beyond any store's data; LiteDB never reads or writes there.</summary>
    private const long Turnstile = 1L << 62;

    private const long Operation = Turnstile + 1;

    /// <summary>Takes the lock, waiting at most <paramref name="timeout"/>; returns whether it is held.</summary>
    public bool TryEnter(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        if (!Wait(Turnstile, deadline))
        {
            return false;
        }

        try
        {
            return Wait(Operation, deadline);
        }
        finally
        {
            RangeLock.Unlock(file, Turnstile);
        }
    }

    /// <summary>Releases the lock taken by <see cref="TryEnter"/>.</summary>
    public void Exit() => RangeLock.Unlock(file, Operation);

    private bool Wait(long offset, long deadline)
    {
        // The operating system offers no timed wait for these locks: spin briefly, then poll every millisecond.
        var spin = default(SpinWait);
        while (!RangeLock.TryLock(file, offset, exclusive))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            spin.SpinOnce();
        }

        return true;
    }
}
