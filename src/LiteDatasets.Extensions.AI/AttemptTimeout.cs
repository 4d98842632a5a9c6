namespace LiteDatasets.Extensions.AI;

/// <summary>
/// The token of one attempt: cancelled when the caller cancels or when the item timeout passes on the runner's clock,
/// and able to tell the two apart.
/// </summary>
internal sealed class AttemptTimeout : IDisposable
{
    private readonly CancellationTokenSource? _timeout;
    private readonly CancellationTokenSource _linked;

    public AttemptTimeout(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            return;
        }

        _timeout = new CancellationTokenSource(timeout, clock);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timeout.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>Gets whether the timeout passed.</summary>
    public bool TimedOut => _timeout?.IsCancellationRequested == true;

    public void Dispose()
    {
        _linked.Dispose();
        _timeout?.Dispose();
    }
}
