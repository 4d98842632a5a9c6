using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiteDatasets.Cli.Commands;

/// <summary><c>litedatasets verify FILE</c>: checks every invariant of a file; exit code 3 when any is broken.</summary>
internal sealed class VerifyCommand(CliEnvironment env) : Command<FileSettings>
{
    /// <inheritdoc/>
    public override int Execute(CommandContext context, FileSettings settings, CancellationToken cancellationToken)
    {
        VerifyReport report;
        using (var store = StoreAccess.OpenForReading(env, settings.File))
        {
            report = store.Verify();
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
            env.Console.MarkupLine($"[green]OK[/]: {Markup.Escape(settings.File)} is healthy ({Display.Count(report.DatasetsChecked)} datasets, {Display.Count(report.RevisionsChecked)} revisions checked).");
        }
        else
        {
            env.Console.MarkupLine($"[red]{Display.Count(report.Problems.Count)} problem(s)[/] in {Markup.Escape(settings.File)}:");
            foreach (var problem in report.Problems)
            {
                env.Console.MarkupLine($"  - {Display.Text(problem.DatasetId)}: {Markup.Escape(problem.Description)}");
            }
        }

        return report.IsHealthy ? ExitCodes.Success : ExitCodes.Unhealthy;
    }
}
