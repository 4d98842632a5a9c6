using System.ComponentModel;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments compare STORE DATASET BASELINE CANDIDATE</c>: two experiments of a dataset side by side
/// (see <see cref="IDatasetStore.CompareExperiments"/>), optionally item by item, with gates that exit with
/// <see cref="ExitCodes.CheckFailed"/> when they trip.
/// </summary>
internal sealed class ExperimentsCompareCommand(CliEnvironment env) : Command<ExperimentsCompareCommand.Settings>
{
    /// <summary>The arguments of <c>experiments compare</c>.</summary>
    internal sealed class Settings : DatasetSettings
    {
        /// <summary>Gets the experiment compared against.</summary>
        [CommandArgument(2, "<BASELINE>")]
        [Description("The experiment compared against: its name (ignoring case), #number or id")]
        public string Baseline { get; init; } = "";

        /// <summary>Gets the experiment compared.</summary>
        [CommandArgument(3, "<CANDIDATE>")]
        [Description("The experiment compared: its name (ignoring case), #number or id")]
        public string Candidate { get; init; } = "";

        /// <summary>Gets whether to list the items.</summary>
        [CommandOption("--items")]
        [Description("List the items too: with --json every item, as text those whose status is not unchanged")]
        public bool Items { get; init; }

        /// <summary>Gets whether content-changed items count in the scores.</summary>
        [CommandOption("--include-content-changed")]
        [Description("Count the items whose content changed between the two pins in the scores' figures")]
        public bool IncludeContentChanged { get; init; }

        /// <summary>Gets the scores for which lower is better.</summary>
        [CommandOption("--lower-is-better <NAME>")]
        [Description("A score for which a lower value is better; repeatable")]
        public string[] LowerIsBetter { get; init; } = [];

        /// <summary>Gets the scores' minimum deltas.</summary>
        [CommandOption("--min-delta <NAME=VALUE>")]
        [Description("How far an item's value of score NAME must move to count as improved or regressed (default 0); repeatable")]
        public string[] MinDeltas { get; init; } = [];

        /// <summary>Gets the scores' tolerances.</summary>
        [CommandOption("--tolerance <NAME=VALUE>")]
        [Description("How far the mean of score NAME may move the worse way before it counts as regressed (default 0); repeatable")]
        public string[] Tolerances { get; init; } = [];

        /// <summary>Gets whether a regression trips a gate.</summary>
        [CommandOption("--fail-on-regression")]
        [Description("Exit with 3 when a score regressed beyond its tolerance")]
        public bool FailOnRegression { get; init; }

        /// <summary>Gets the highest error rate of the candidate allowed.</summary>
        [CommandOption("--max-error-rate <RATE>")]
        [Description("Exit with 3 when more than this share (0 to 1) of the candidate's results failed")]
        public double? MaxErrorRate { get; init; }

        /// <summary>Gets the lowest pass rates of the candidate allowed.</summary>
        [CommandOption("--min-pass-rate <NAME=RATE>")]
        [Description("Exit with 3 when the candidate passes score NAME less often than RATE (0 to 1), or never gives it a verdict; repeatable")]
        public string[] MinPassRates { get; init; } = [];

        /// <inheritdoc/>
        public override ValidationResult Validate() =>
            MaxErrorRate is { } rate && !(rate is >= 0 and <= 1)
                ? ValidationResult.Error("--max-error-rate takes a share from 0 to 1, such as 0.05.")
                : base.Validate();
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = Options(settings);
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var baseline = Find(store, dataset, settings, settings.Baseline);
        var candidate = Find(store, dataset, settings, settings.Candidate);
        var comparison = store.CompareExperiments(baseline.Id, candidate.Id, options);
        var gates = CompareGates.Check(comparison, settings);
        if (settings.Json)
        {
            ComparisonOutput.Json(env, dataset, comparison, gates, settings.Items);
        }
        else
        {
            ComparisonOutput.Text(env, dataset, comparison, gates, settings.Items);
        }

        return gates.Exists(g => g.Tripped) ? ExitCodes.CheckFailed : ExitCodes.Success;
    }

    /// <summary>Builds the options of the comparison from the command line.</summary>
    private static CompareOptions Options(Settings settings)
    {
        var minDeltas = CompareGates.Numbers(settings.MinDeltas, "--min-delta", n => n >= 0, "a number 0 or more");
        var tolerances = CompareGates.Numbers(settings.Tolerances, "--tolerance", n => n >= 0, "a number 0 or more");
        var lower = settings.LowerIsBetter.ToHashSet(StringComparer.Ordinal);
        var names = lower.Concat(minDeltas.Keys).Concat(tolerances.Keys).Distinct(StringComparer.Ordinal);
        return new CompareOptions
        {
            IncludeContentChanged = settings.IncludeContentChanged,
            Scores = names.ToDictionary(
                name => name,
                name => new ScoreCompareOptions
                {
                    Direction = lower.Contains(name) ? ScoreDirection.LowerIsBetter : ScoreDirection.HigherIsBetter,
                    MinDelta = minDeltas.GetValueOrDefault(name),
                    Tolerance = tolerances.GetValueOrDefault(name),
                },
                StringComparer.Ordinal),
        };
    }

    /// <summary>Finds an experiment of the dataset by name, <c>#number</c> or id, or fails with <see cref="ErrorCode.ExperimentNotFound"/>.</summary>
    private static Experiment Find(IDatasetStore store, Dataset dataset, Settings settings, string name) =>
        store.FindExperiment(dataset.Id, name)
        ?? (store.GetExperiment(name) is { } byId && byId.DatasetId == dataset.Id ? byId : null)
        ?? throw new LiteDatasetsException(ErrorCode.ExperimentNotFound,
            $"Dataset '{dataset.Name}' has no experiment named '{name}' (nor with that number or id). Run 'litedatasets experiments list {StoreAccess.CommandLine(settings)} {dataset.Name}' to see its experiments.");
}
