using System.ComponentModel;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands on one dataset of a store file.</summary>
internal class DatasetSettings : StoreSettings
{
    /// <summary>Gets the dataset's name or id.</summary>
    [CommandArgument(1, "<DATASET>")]
    [Description("The dataset's name (ignoring case) or id")]
    public string Dataset { get; init; } = "";
}
