using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands that list something of one dataset a page at a time (versions, experiments).</summary>
internal class PagedDatasetSettings : ReadDatasetSettings
{
    /// <summary>Gets the page size.</summary>
    [CommandOption("--page-size <N>")]
    [Description("Entries per page, 1 to 1000 (default 50)")]
    public int PageSize { get; init; } = 50;

    /// <summary>Gets the cursor of the next page.</summary>
    [CommandOption("--after <CURSOR>")]
    [Description("Continue after a previous page (its next cursor)")]
    public string? After { get; init; }
}
