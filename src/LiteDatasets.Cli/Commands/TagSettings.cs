using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>The arguments shared by the <c>tag</c> commands.</summary>
internal class TagSettings : DatasetSettings
{
    /// <summary>Gets the tag.</summary>
    [CommandArgument(2, "<TAG>")]
    [Description("The tag (case-sensitive), such as golden-2026-11")]
    public string Tag { get; init; } = "";
}
