using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>The arguments of commands that list something of one experiment a page at a time (its results), in a table whose ids may be shortened.</summary>
internal class PagedExperimentSettings : ExperimentSettings
{
    /// <summary>Gets the page size.</summary>
    [CommandOption("--page-size <N>")]
    [Description("Entries per page, 1 to 1000 (default 50)")]
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor of the next page.</summary>
    [CommandOption("--after <CURSOR>")]
    [Description("Continue after a previous page (its next cursor)")]
    public string? After { get; init; }

    /// <summary>Gets whether tables show ids whole.</summary>
    [CommandOption("--full-ids")]
    [Description("Show ids whole (tables shorten ids longer than 16 characters)")]
    public bool FullIds { get; init; }
}
