namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets tag</c> alone.</summary>
internal sealed class TagUsageCommand() : BranchUsageCommand("tag", "add, move or delete");
