using System.ComponentModel;
using System.Globalization;
using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands.Experiments;

/// <summary>
/// <c>litedatasets experiments stale STORE DATASET EXP</c>: which of an experiment's results a later version (the
/// current one, or <c>--at</c> a number, tag or time) leaves valid — a count per state and the runs that are stale.
/// </summary>
internal sealed class ExperimentsStaleCommand(CliEnvironment env) : Command<ExperimentsStaleCommand.Settings>
{
    /// <summary>The arguments of <c>experiments stale</c>.</summary>
    internal sealed class Settings : ExperimentSettings
    {
        /// <summary>Gets the target version, tag or time.</summary>
        [CommandOption("--at <VERSION>")]
        [Description("The version number, tag, or ISO 8601 time (such as 2026-01-02T03:04:05Z) to judge at (default: the current version)")]
        public string? At { get; init; }

        /// <summary>Gets the rerun paths added to /input.</summary>
        [CommandOption("--rerun-path <POINTER>")]
        [Description("A JSON Pointer whose change means running again, added to /input (repeatable), such as /metadata/difficulty")]
        public string[] RerunPaths { get; init; } = [];

        /// <summary>Gets the rescore paths added to /expectedOutput.</summary>
        [CommandOption("--rescore-path <POINTER>")]
        [Description("A JSON Pointer whose change means scoring again, added to /expectedOutput (repeatable)")]
        public string[] RescorePaths { get; init; } = [];

        /// <summary>Gets whether tables show ids whole.</summary>
        [CommandOption("--full-ids")]
        [Description("Show ids whole (tables shorten ids longer than 16 characters)")]
        public bool FullIds { get; init; }
    }

    /// <inheritdoc/>
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var store = StoreAccess.OpenForReading(env, settings);
        var dataset = StoreAccess.FindDataset(store, settings);
        var experiment = settings.Find(store, dataset);
        var report = store.GetStaleness(experiment.Id, Options(settings));
        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.DatasetRef(dataset);
            ExperimentOutput.Ref(json, experiment);
            json.Writer.WriteNumber("pinnedVersion", report.PinnedVersion);
            json.Writer.WriteNumber("targetVersion", report.TargetVersion);
            json.Writer.WriteStartObject("counts");
            foreach (var (state, count) in report.Counts.OrderBy(c => c.Key))
            {
                json.Writer.WriteNumber(Name(state), count);
            }

            json.Writer.WriteEndObject();
            json.Array("runs", report.Runs, r => json.Object(w =>
            {
                w.WriteString("itemId", r.ItemId);
                w.WriteNumber("repetition", r.Repetition);
                w.WriteString("state", Name(r.State));
                json.Strings("changedPaths", r.ChangedPaths);
                json.Strings("scores", r.Scores);
            }));
            return ExitCodes.Success;
        }

        env.Console.MarkupLine($"Staleness of {ExperimentOutput.Named(dataset, experiment)}, pinned to version {report.PinnedVersion}, at version {report.TargetVersion}:");
        var counts = new Table().AddColumns("State", "Runs");
        counts.Columns[1].RightAligned();
        foreach (var (state, count) in report.Counts.OrderBy(c => c.Key))
        {
            counts.AddRow(Name(state), Display.Count(count));
        }

        env.Console.Write(counts);
        if (report.Runs.Count > 0)
        {
            var runs = new Table().AddColumns("Item", "Rep", "State", "Changed");
            runs.Columns[1].RightAligned();
            foreach (var r in report.Runs)
            {
                var changed = string.Join(", ", r.State == StalenessState.RescoreScorer ? r.Scores.Select(s => "scorer " + s) : r.ChangedPaths);
                runs.AddRow(Display.Id(r.ItemId, settings.FullIds), new Text(Display.Count(r.Repetition)), new Text(Name(r.State)), changed.Length == 0 ? Display.Absent : Display.Plain(Display.Cut(changed, 60)));
            }

            env.Console.Write(new FittedTable(runs, [Display.IdWidth(settings.FullIds), ColumnWidth.Natural, ColumnWidth.Natural, ColumnWidth.Text(8)]));
        }

        return ExitCodes.Success;
    }

    /// <summary>Gets how a state is written, in text and in JSON: <c>rescore-scorer</c>.</summary>
    internal static string Name(StalenessState state) => state == StalenessState.RescoreScorer ? "rescore-scorer" : state.ToString().ToLowerInvariant();

    private static StalenessOptions Options(Settings settings)
    {
        var policy = new StalenessPolicy
        {
            RerunPaths = [.. StalenessPolicy.Default.RerunPaths, .. settings.RerunPaths],
            RescorePaths = [.. StalenessPolicy.Default.RescorePaths, .. settings.RescorePaths],
        };
        return settings.At switch
        {
            null => new StalenessOptions { Policy = policy },
            var at when StoreAccess.IsNumber(at) => new StalenessOptions { Version = long.Parse(at, NumberStyles.None, CultureInfo.InvariantCulture), Policy = policy },
            var at when at.Contains('T', StringComparison.Ordinal) && char.IsAsciiDigit(at[0])
                && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) => new StalenessOptions { AsOf = moment, Policy = policy },
            var at => new StalenessOptions { Tag = at, Policy = policy },
        };
    }
}
