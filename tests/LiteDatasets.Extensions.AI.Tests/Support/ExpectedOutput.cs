using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace LiteDatasets.Extensions.AI.Tests;

/// <summary>The expected output of an item, as an evaluation context.</summary>
public sealed class ExpectedOutput(string text) : EvaluationContext("expected output", new TextContent(text))
{
    public string Text { get; } = text;
}
