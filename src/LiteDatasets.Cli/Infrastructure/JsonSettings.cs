using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The options every command has.</summary>
internal class JsonSettings : CommandSettings
{
    /// <summary>Gets whether to print one JSON document instead of text.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON document (shapes in docs/cli.md) instead of text")]
    public bool Json { get; init; }
}
