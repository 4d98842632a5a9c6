using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands that only read one dataset, and so may open its file shared.</summary>
internal class ReadDatasetSettings : DatasetSettings, ISharedReading
{
    /// <inheritdoc/>
    [CommandOption("--shared")]
    [Description(ISharedReading.Description)]
    public bool Shared { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Shared && IsServer ? ValidationResult.Error(ISharedReading.ServerError) : base.Validate();
}
