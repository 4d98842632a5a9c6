using System.Diagnostics;

namespace LiteDatasets.Engines.LiteDb.Connections;

/// <summary>
/// Batched writes: small writes whose bodies may run again (a few items added, updated or deleted, a result or its
/// scores recorded) queue up, and the writer at the head of the queue runs several of them, its own included, in one
/// LiteDB transaction.
/// </summary>
/// <remarks>
/// <para>LiteDB writes one transaction at a time, and a small commit costs more inside LiteDB (writing and hashing its
/// pages, its header) than its sync does, so sharing syncs alone (group commit) leaves most of the time of concurrent
/// writers serial. Writers that wait meanwhile are committed together: one transaction, one set of pages, one sync.</para>
/// <para>The bodies run on the leader's thread, in the order they queued. When one of them refuses its call (throws) or
/// changes nothing, the whole transaction is rolled back and each write of the batch runs again alone, in order, as
/// it would have without batching: a write never commits with another's failure, nor fails for another's.</para>
/// </remarks>
internal sealed partial class ExclusiveConnection
{
    /// <summary>The most writes one transaction takes: enough to share the work of many writers, small enough to keep
    /// a transaction (and a rerun after a failure) short.</summary>
    private const int MaxBatch = 64;

    private readonly object _queueLock = new();
    private readonly List<QueuedWrite> _queue = [];
    private bool _leading;

    /// <summary>Gets how many repeatable writes wait for a leader to take them (for tests).</summary>
    internal int QueuedWrites
    {
        get
        {
            lock (_queueLock)
            {
                return _queue.Count;
            }
        }
    }

    public override T WriteRepeatable<T>(Func<(T Result, bool Changed)> body, Action? ended = null)
    {
        ThrowIfCannotWrite();
        var write = new QueuedWrite(() => body());
        if (Queue(write, Stopwatch.GetTimestamp()))
        {
            Lead(write);
        }

        ended?.Invoke();
        var result = write.Outcome<T>();
        SyncThrough(write.Commit, "writing");
        MaybeCheckpoint();
        return result;
    }

    /// <summary>
    /// Queues <paramref name="write"/> and waits, on a signal of its own, until it is done (false) or it is this
    /// writer's turn to lead (true): the first writer to queue leads, and each leader hands over to the head of the queue.
    /// </summary>
    private bool Queue(QueuedWrite write, long queuedAt)
    {
        lock (_queueLock)
        {
            _queue.Add(write);
            if (!_leading)
            {
                _leading = true;
                return true;
            }
        }

        while (true)
        {
            // Once taken into a batch, the write cannot be withdrawn any more; its batch is short.
            bool signalled;
            if (write.Taken)
            {
                signalled = write.Wait(Timeout.InfiniteTimeSpan);
            }
            else
            {
                var left = Settings.LockTimeout - Stopwatch.GetElapsedTime(queuedAt);
                signalled = left > TimeSpan.Zero && write.Wait(left);
            }

            lock (_queueLock)
            {
                if (write.Done || write.Leads)
                {
                    return !write.Done;
                }

                if (!signalled && !write.Taken)
                {
                    _queue.Remove(write);
                    throw Errors.Busy("the store for writing", Settings.LockTimeout);
                }
            }
        }
    }

    /// <summary>
    /// Takes the writer lock and runs batches from the head of the queue until <paramref name="own"/> is done, then
    /// hands over and wakes the writes it ran: waking a writer is a system call, which would otherwise delay the writes
    /// queued behind the batch.
    /// </summary>
    private void Lead(QueuedWrite own)
    {
        var finished = new List<QueuedWrite>();
        try
        {
            if (!_writer.Wait(Settings.LockTimeout))
            {
                lock (_queueLock)
                {
                    _queue.Remove(own);
                }

                throw Errors.Busy("the store for writing", Settings.LockTimeout);
            }

            _writerThread = Environment.CurrentManagedThreadId;
            try
            {
                while (!own.Done)
                {
                    var batch = TakeBatch();
                    RunBatch(batch);
                    finished.AddRange(batch);
                }
            }
            finally
            {
                _writerThread = 0;
                _writer.Release();
            }
        }
        finally
        {
            HandOver();
            finished.ForEach(static write => write.Wake());
        }
    }

    /// <summary>Takes the writes at the head of the queue, as many as a batch holds.</summary>
    private List<QueuedWrite> TakeBatch()
    {
        lock (_queueLock)
        {
            var batch = _queue.GetRange(0, Math.Min(MaxBatch, _queue.Count));
            _queue.RemoveRange(0, batch.Count);
            batch.ForEach(static write => write.Take());
            return batch;
        }
    }

    /// <summary>Makes the write at the head of the queue the next leader, or ends leading when none waits.</summary>
    private void HandOver()
    {
        lock (_queueLock)
        {
            if (_queue.Count > 0)
            {
                _queue[0].Lead();
            }
            else
            {
                _leading = false;
            }
        }
    }

    /// <summary>Runs a batch, together when it can, and gives each of its writes its outcome; never throws.</summary>
    private void RunBatch(List<QueuedWrite> batch)
    {
        try
        {
            if (batch.Count > 1 && TryCommitTogether(batch))
            {
                return;
            }

            foreach (var write in batch)
            {
                RunAlone(write);
            }
        }
        catch (Exception ex)
        {
            // The store closed or stayed busy under the batch: every write not yet done gets that answer.
            foreach (var write in batch.Where(static write => !write.Done))
            {
                write.Fail(ex, _journal.LastCommit);
            }
        }
    }

    /// <summary>
    /// Runs every write of <paramref name="batch"/> in one transaction and commits it, unless one of them refuses its
    /// call or changes nothing (false: the transaction is rolled back, and no write has an outcome). When LiteDB
    /// itself fails, every write fails with it and the engine is replaced.
    /// </summary>
    private bool TryCommitTogether(List<QueuedWrite> batch)
    {
        var engine = EnterGate();
        EngineFault? fault = null;
        try
        {
            var together = RunTransaction(engine.Database, () =>
            {
                var all = batch.TrueForAll(static write => write.TryRunInBatch());
                return (all, all);
            });
            if (!together)
            {
                return false;
            }

            var commit = _journal.LastCommit;
            batch.ForEach(write => write.Succeed(commit));
            return true;
        }
        catch (EngineFault ex)
        {
            fault = ex;
            batch.ForEach(write => write.Fail(Failure("writing", ex), _journal.LastCommit));
            return true;
        }
        finally
        {
            _gate.ExitReadLock();
            if (fault is not null)
            {
                Recover(engine);
            }
        }
    }

    /// <summary>Runs one write as its own transaction, as <see cref="Write{T}"/> does.</summary>
    private void RunAlone(QueuedWrite write)
    {
        try
        {
            var result = WriteInGate(write.Run);
            write.Succeed(result, _journal.LastCommit);
        }
        catch (Exception ex)
        {
            write.Fail(ex, _journal.LastCommit);
        }
    }
}
