using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>What one run of the tool did.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets standard output parsed as the one JSON document of a --json run.</summary>
    public JsonObject Json => JsonNode.Parse(Output) as JsonObject ?? throw new AssertionException("The output is not a JSON object: " + Output);

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
