using LiteDatasets.Services;

namespace LiteDatasets;

/// <summary>
/// A thread-safe buffer of results of one experiment that commits them in batches: when <see cref="RecorderOptions.BatchSize"/>
/// are buffered, every <see cref="RecorderOptions.FlushInterval"/>, on <see cref="FlushAsync"/> and on disposal. Many
/// concurrent tasks share it, so they share one writer and one commit (and one sync) per batch instead of one each.
/// Open one with <see cref="IDatasetStore.OpenRecorder"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Add"/> checks a draft at once (malformed drafts throw there); what only the store can check — a run the
/// experiment does not have, a closed experiment — is found when its batch is committed. A batch that a single result
/// spoils is committed result by result, so only that result is refused. Refused results are kept in
/// <see cref="Refused"/> and thrown by the next <see cref="FlushAsync"/> or by <see cref="DisposeAsync"/>.</para>
/// <para>Nothing is silently lost: a recorder that is not disposed still commits on its interval, and disposing the store
/// commits what its open recorders hold, then throws if any of their results were refused and not yet reported.</para>
/// </remarks>
public sealed class ResultRecorder : IAsyncDisposable
{
    private readonly ExperimentResults _results;
    private readonly int _batchSize;
    private readonly Action<ResultRecorder> _closed;
    private readonly object _gate = new();
    private readonly List<(ResultDraft Draft, PreparedResult Prepared)> _buffer = [];
    private readonly List<ResultRefusal> _refused = [];
    private readonly ITimer? _timer;
    private Task _pump = Task.CompletedTask;
    private bool _pumping;

    // Whether the pump commits everything buffered (a flush, the interval, closing) rather than full batches only.
    private bool _draining;
    private bool _closing;
    private int _reported;
    private long _recorded;

    internal ResultRecorder(ExperimentResults results, string experimentId, RecorderOptions options, TimeProvider clock, Action<ResultRecorder> closed)
    {
        _results = results;
        ExperimentId = experimentId;
        _batchSize = options.BatchSize;
        _closed = closed;
        if (options.FlushInterval != Timeout.InfiniteTimeSpan)
        {
            _timer = clock.CreateTimer(static state => ((ResultRecorder)state!).Tick(), this, options.FlushInterval, options.FlushInterval);
        }
    }

    /// <summary>Gets the id of the experiment the recorder records into.</summary>
    public string ExperimentId { get; }

    /// <summary>Gets how many results the recorder has committed.</summary>
    public long Recorded => Interlocked.Read(ref _recorded);

    /// <summary>Gets how many results wait for a commit.</summary>
    public int Buffered
    {
        get
        {
            lock (_gate)
            {
                return _buffer.Count;
            }
        }
    }

    /// <summary>Gets the results the store refused so far, in the order they were refused.</summary>
    public IReadOnlyList<ResultRefusal> Refused
    {
        get
        {
            lock (_gate)
            {
                return [.. _refused];
            }
        }
    }

    /// <summary>Adds a result to the buffer; it is committed with the next batch.</summary>
    /// <param name="draft">The run's result.</param>
    /// <exception cref="ArgumentException">A malformed draft (see <see cref="IDatasetStore.RecordResult"/>); it is not added.</exception>
    /// <exception cref="InvalidPayloadException">JSON that cannot be stored exactly; the draft is not added.</exception>
    /// <exception cref="ObjectDisposedException">The recorder is disposed.</exception>
    public void Add(ResultDraft draft)
    {
        var prepared = PreparedResult.From(draft, null, nameof(draft));
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closing, this);
            _buffer.Add((draft, prepared));
            if (_buffer.Count >= _batchSize)
            {
                StartPump();
            }
        }
    }

    /// <summary>Commits every buffered result (and those added while it runs), then reports refusals.</summary>
    /// <param name="cancellationToken">Stops the waiting (the commits go on).</param>
    /// <returns>A task that completes once the buffer is empty.</returns>
    /// <exception cref="LiteDatasetsException">Results were refused since the last report (see <see cref="Refused"/>).</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await Drain(cancellationToken).ConfigureAwait(false);
        ThrowRefusals();
    }

    /// <summary>Commits every buffered result and closes the recorder; then reports refusals.</summary>
    /// <returns>A task that completes once the recorder is closed.</returns>
    /// <exception cref="LiteDatasetsException">Results were refused since the last report (see <see cref="Refused"/>).</exception>
    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            if (_closing)
            {
                return;
            }

            _closing = true;
        }

        await Drain(CancellationToken.None).ConfigureAwait(false);
        Close();
        ThrowRefusals();
    }

    /// <summary>Commits what is buffered on the calling thread and closes the recorder (the store is being disposed); returns the refusals not reported yet.</summary>
    internal IReadOnlyList<ResultRefusal> CloseWithStore()
    {
        _timer?.Dispose();
        while (true)
        {
            Task pump;
            lock (_gate)
            {
                _closing = true;
                _draining = true;
                if (!_pumping)
                {
                    // This thread is the pump from now on.
                    _pumping = true;
                    break;
                }

                pump = _pump;
            }

            // The pump never throws: refusals are recorded, not thrown.
            pump.Wait();
        }

        Pump();
        Close();
        lock (_gate)
        {
            var unreported = _refused.Skip(_reported).ToList();
            _reported = _refused.Count;
            return unreported;
        }
    }

    private void Close()
    {
        _timer?.Dispose();
        _closed(this);
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_buffer.Count > 0)
            {
                _draining = true;
                StartPump();
            }
        }
    }

    /// <summary>Waits until the buffer is empty and no commit runs.</summary>
    private async Task Drain(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task pump;
            lock (_gate)
            {
                if (_buffer.Count == 0 && !_pumping)
                {
                    return;
                }

                _draining = true;
                StartPump();
                pump = _pump;
            }

            await pump.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts committing on a thread of the pool, unless a commit runs already; called under the gate.</summary>
    private void StartPump()
    {
        if (!_pumping)
        {
            _pumping = true;
            _pump = Task.Run(Pump);
        }
    }

    /// <summary>
    /// Commits full batches, or — when draining — batches until the buffer is empty; each batch is one write on this thread.
    /// </summary>
    private void Pump()
    {
        while (true)
        {
            List<(ResultDraft Draft, PreparedResult Prepared)> batch;
            lock (_gate)
            {
                _draining &= _buffer.Count > 0;
                if (_buffer.Count == 0 || (!_draining && _buffer.Count < _batchSize))
                {
                    _pumping = false;
                    return;
                }

                batch = TakeBatch();
            }

            Commit(batch);
        }
    }

    /// <summary>Takes the next batch off the buffer: at most the batch size, and ending before a run it already holds (a call records each run once).</summary>
    private List<(ResultDraft Draft, PreparedResult Prepared)> TakeBatch()
    {
        var runs = new HashSet<(string, int)>();
        var count = 0;
        while (count < _buffer.Count && count < _batchSize && runs.Add((_buffer[count].Prepared.ItemId, _buffer[count].Prepared.Repetition)))
        {
            count++;
        }

        var batch = _buffer.GetRange(0, count);
        _buffer.RemoveRange(0, count);
        return batch;
    }

    /// <summary>Commits a batch; if one of its results is refused, commits them one by one, so that only that one is.</summary>
    private void Commit(List<(ResultDraft Draft, PreparedResult Prepared)> batch)
    {
        try
        {
            _results.RecordPrepared(ExperimentId, batch.ConvertAll(b => b.Prepared));
            Interlocked.Add(ref _recorded, batch.Count);
        }
        catch (LiteDatasetsException ex) when (batch.Count > 1 && ex.Code == ErrorCode.ItemNotInExperiment)
        {
            foreach (var one in batch)
            {
                Commit([one]);
            }
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                _refused.AddRange(batch.Select(b => new ResultRefusal(b.Draft, ex)));
            }
        }
    }

    private void ThrowRefusals()
    {
        ResultRefusal first;
        int count;
        lock (_gate)
        {
            count = _refused.Count - _reported;
            if (count == 0)
            {
                return;
            }

            first = _refused[_reported];
            _reported = _refused.Count;
        }

        throw Errors.ResultsRefused(ExperimentId, count, first);
    }
}
