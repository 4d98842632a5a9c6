using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary>
/// <c>litedatasets tag</c> without a subcommand: a usage error (exit code 2) that names the subcommands, where the
/// parser alone would print the branch's help and report a failed command.
/// </summary>
internal sealed class TagBranchCommand : Command<EmptyCommandSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, EmptyCommandSettings settings, CancellationToken cancellationToken) =>
        throw CliException.Usage("'tag' needs a subcommand: add, move or delete. Run 'litedatasets tag --help' for usage.");
}
