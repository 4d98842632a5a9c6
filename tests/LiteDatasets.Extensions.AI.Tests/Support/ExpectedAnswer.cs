using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>An item's expected output, as an evaluation context.</summary>
public sealed class ExpectedAnswer(string text) : EvaluationContext("expected output", new TextContent(text))
{
    public string Text { get; } = text;
}
