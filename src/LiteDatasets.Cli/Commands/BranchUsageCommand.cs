using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// A command group (<c>tag</c>, <c>experiments</c>) named without a subcommand: a usage error (exit code 2) that
/// names the subcommands, where the parser alone would print the group's help and report a failed command.
/// </summary>
/// <param name="group">The group's name.</param>
/// <param name="subcommands">Its subcommands, as a phrase.</param>
internal abstract class BranchUsageCommand(string group, string subcommands) : Command<EmptyCommandSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
        throw CliException.Usage($"'{group}' needs a subcommand: {subcommands}. Run 'litedatasets {group} --help' for usage.");
}
