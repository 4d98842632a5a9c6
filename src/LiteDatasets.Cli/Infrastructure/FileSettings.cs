using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands on a store file.</summary>
internal class FileSettings : JsonSettings
{
    /// <summary>Gets the store file.</summary>
    [CommandArgument(0, "<FILE>")]
    [Description("The store file (for example evals.litedb)")]
    public string File { get; init; } = "";
}
