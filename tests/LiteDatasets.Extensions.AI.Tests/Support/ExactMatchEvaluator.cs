using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>
/// A hand-written evaluator: <c>exact</c> passes when the response equals the expected output given as context, and
/// <c>length</c> is the response's length. It throws for a response of <see cref="FailOn"/>.
/// </summary>
public sealed class ExactMatchEvaluator : IEvaluator
{
    public string? FailOn { get; init; }

    public IReadOnlyCollection<string> EvaluationMetricNames => ["exact", "length"];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        if (modelResponse.Text == FailOn)
        {
            throw new InvalidOperationException("cannot judge " + FailOn);
        }

        var expected = additionalContext?.OfType<ExpectedAnswer>().SingleOrDefault()?.Text;
        return ValueTask.FromResult(new EvaluationResult(
            new BooleanMetric("exact", expected is null ? null : modelResponse.Text == expected, reason: "compared with the expected output"),
            new NumericMetric("length", modelResponse.Text.Length)));
    }
}
