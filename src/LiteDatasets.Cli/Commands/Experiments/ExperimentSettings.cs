using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>The arguments of commands on one experiment of a dataset.</summary>
internal class ExperimentSettings : DatasetSettings
{
    /// <summary>Gets the experiment's name (ignoring case), <c>#number</c> or id.</summary>
    [CommandArgument(2, "<EXP>")]
    [Description("The experiment's name (ignoring case), #number or id")]
    public string Experiment { get; init; } = "";

    /// <summary>Finds the experiment the arguments name in <paramref name="dataset"/>, or fails with <see cref="ErrorCode.ExperimentNotFound"/>.</summary>
    public Experiment Find(IDatasetStore store, Dataset dataset) =>
        store.FindExperiment(dataset.Id, Experiment)
        ?? (store.GetExperiment(Experiment) is { } byId && byId.DatasetId == dataset.Id ? byId : null)
        ?? throw new LiteDatasetsException(ErrorCode.ExperimentNotFound,
            $"Dataset '{dataset.Name}' has no experiment named '{Experiment}' (nor with that number or id). Run 'litedatasets experiments list {StoreAccess.CommandLine(this)} {dataset.Name}' to see its experiments.");
}
