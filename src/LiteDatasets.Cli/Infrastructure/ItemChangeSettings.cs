using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands that change items of one dataset as one new version (<c>add</c>, <c>edit</c>, <c>delete</c>).</summary>
internal class ItemChangeSettings : DatasetSettings
{
    /// <summary>Gets the version message.</summary>
    [CommandOption("-m|--message <TEXT>")]
    [Description("The new version's message")]
    public string? Message { get; init; }
}
