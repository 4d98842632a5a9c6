using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>The arguments of commands that show a store's datasets in a table (<c>list</c>, <c>info</c>).</summary>
internal sealed class StoreTableSettings : StoreSettings, ISharedReading
{
    /// <summary>Gets whether tables show ids whole.</summary>
    [CommandOption("--full-ids")]
    [Description("Show ids whole (tables shorten ids longer than 16 characters)")]
    public bool FullIds { get; init; }

    /// <inheritdoc/>
    [CommandOption("--shared")]
    [Description(ISharedReading.Description)]
    public bool Shared { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() =>
        Shared && IsServer ? ValidationResult.Error(ISharedReading.ServerError) : base.Validate();
}
