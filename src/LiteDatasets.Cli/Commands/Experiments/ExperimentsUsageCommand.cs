namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary><c>litedatasets experiments</c> alone.</summary>
internal sealed class ExperimentsUsageCommand() : BranchUsageCommand("experiments", "list, create, show, results, compare, export, import or delete");
