using Microsoft.Extensions.AI;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>
/// A chat client that answers with <see cref="Answer"/> and counts its calls: in all, per prompt, and how many ran at
/// once at most.
/// </summary>
public sealed class FakeChatClient(Func<string, int, CancellationToken, Task<string>> answer) : IChatClient
{
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _total;

    /// <summary>Gets the answer for a prompt, given the number of the call (1, 2, …) across every prompt.</summary>
    public Func<string, int, CancellationToken, Task<string>> Answer { get; } = answer;

    public int Total => Volatile.Read(ref _total);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int CallsFor(string prompt)
    {
        lock (_calls)
        {
            return _calls.GetValueOrDefault(prompt);
        }
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = string.Concat(messages.Select(m => m.Text));
        lock (_calls)
        {
            _calls[prompt] = _calls.GetValueOrDefault(prompt) + 1;
        }

        var number = Interlocked.Increment(ref _total);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }

        try
        {
            var text = await Answer(prompt, number, cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
            {
                ModelId = "fake-model",
                Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2, TotalTokenCount = 12 },
            };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The fake answers whole responses only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
