using LiteDatasets.Cli.Infrastructure;
using LiteDatasets.PostgreSql;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets verify STORE</c>: checks every invariant of a store; exit code 3 when any is broken.</summary>
internal sealed class VerifyCommand(CliEnvironment env) : Command<StoreSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        VerifyReport report;
        string name;
        using (var store = StoreAccess.OpenForReading(env, settings))
        {
            report = store switch
            {
                DatasetStore file => file.Verify(),
                PostgresDatasetStore server => server.Verify(),
                _ => throw new InvalidOperationException($"No check is known for a store of type {store.GetType().Name}."),
            };
            name = StoreAccess.Describe(store, settings);
        }

        if (settings.Json)
        {
            using var json = JsonOutput.Begin(env);
            json.Writer.WriteBoolean("healthy", report.IsHealthy);
            json.Writer.WriteNumber("datasetsChecked", report.DatasetsChecked);
            json.Writer.WriteNumber("revisionsChecked", report.RevisionsChecked);
            json.Array("problems", report.Problems, problem => json.Object(w =>
            {
                w.WriteString("datasetId", problem.DatasetId);
                w.WriteString("description", problem.Description);
            }));
        }
        else if (report.IsHealthy)
        {
            env.Console.MarkupLine($"[green]OK[/]: {Display.Escape(name)} is healthy ({Display.Count(report.DatasetsChecked)} datasets, {Display.Count(report.RevisionsChecked)} revisions checked).");
        }
        else
        {
            env.Console.MarkupLine($"[red]{Display.Count(report.Problems.Count)} problem(s)[/] in {Display.Escape(name)}:");
            foreach (var problem in report.Problems)
            {
                env.Console.MarkupLine($"  - {Display.Text(problem.DatasetId)}: {Display.Escape(problem.Description)}");
            }
        }

        return report.IsHealthy ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
