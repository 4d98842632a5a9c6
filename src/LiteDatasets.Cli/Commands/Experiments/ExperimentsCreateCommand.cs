using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments create STORE DATASET</c>: records an evaluation run pinned to a version (the current
/// one, or <c>--at</c> a number or tag), which results will be recorded against.
/// </summary>
internal sealed class ExperimentsCreateCommand(CliEnvironment env) : Command<ExperimentsCreateCommand.Settings>
{
    /// <summary>The arguments of <c>experiments create</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the name.</summary>
        [CommandOption("--name <NAME>")]
        [Description("The experiment's name, unique in the dataset (default: exp-<number>)")]
        public string? Name { get; init; }

        /// <summary>Gets the version or tag to pin.</summary>
        [CommandOption("--at <VERSION>")]
        [Description("The version number or tag to evaluate (default: the current version)")]
        public string? At { get; init; }

        /// <summary>Gets the repetitions.</summary>
        [CommandOption("--repetitions <N>")]
        [Description("How many times each item is run (default 1)")]
        public int Repetitions { get; init; } = 1;

        /// <summary>Gets the task version.</summary>
        [CommandOption("--task-version <TEXT>")]
        [Description("A label of the system under test: model, prompt hash, commit")]
        public string? TaskVersion { get; init; }

        /// <summary>Gets the declared scorers.</summary>
        [CommandOption("--scorer <NAME=VERSION>")]
        [Description("A scorer and its version (repeatable)")]
        public string[] Scorers { get; init; } = [];

        /// <summary>Gets the experiment to carry results forward from.</summary>
        [CommandOption("--carry-from <EXP>")]
        [Description("An earlier experiment of the dataset (name, #number or id) whose results still valid at this version are copied")]
        public string? CarryFrom { get; init; }

        /// <summary>Gets the description.</summary>
        [CommandOption("--description <TEXT>")]
        [Description("What the run is for")]
        public string? Description { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var scorers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scorer in settings.Scorers)
        {
            var at = scorer.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0 || !scorers.TryAdd(scorer[..at], scorer[(at + 1)..]))
            {
                throw CliException.Invalid($"--scorer takes NAME=VERSION, each name once; '{scorer}' is not one.");
            }
        }

        using var store = StoreAccess.OpenForWriting(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var pinNumber = settings.At is { } n && StoreAccess.IsNumber(n);
        var experiment = store.CreateExperiment(dataset.Id, new ExperimentDefinition
        {
            Name = settings.Name,
            Version = pinNumber ? StoreAccess.ResolveVersion(store, dataset, settings.At) : null,
            Tag = pinNumber ? null : settings.At,
            Repetitions = settings.Repetitions,
            TaskVersion = settings.TaskVersion,
            Scorers = scorers.Count == 0 ? null : scorers,
            Description = settings.Description,
            CarryFrom = settings.CarryFrom,
        });
        if (settings.Json)
        {
            ExperimentOutput.Document(env, dataset, experiment);
        }
        else
        {
            env.Console.MarkupLine($"Created experiment [bold]#{experiment.Sequence} {Display.Escape(experiment.Name)}[/] of {Display.Escape(dataset.Name)}, pinned to version {experiment.DatasetVersion}: {Display.Count(experiment.ExpectedRuns)} runs to record"
                + (experiment.CarriedFrom is null ? "." : $", {Display.Count(experiment.Carried)} of them carried forward."));
        }

        return ExitCodes.Success;
    }
}
