using Spectre.Console;

namespace LiteDatasets.Cli.Infrastructure;

/// <summary>Runs a long import or export with a progress bar when a person is watching, and plainly otherwise.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, showing progress only on a terminal and never with <c>--json</c>.</summary>
    /// <param name="env">Where output goes.</param>
    /// <param name="show">Whether progress may be shown (false with --json).</param>
    /// <param name="description">What is being done.</param>
    /// <param name="byBytes">Whether progress counts bytes of the source (import) rather than items (export).</param>
    /// <param name="work">The work, given a receiver of progress reports (null when none is shown).</param>
    public static T Run<T>(CliEnvironment env, bool show, string description, bool byBytes, Func<IProgress<TransferProgress>?, T> work)
    {
        if (!show || !env.IsInteractive)
        {
            return work(null);
        }

        T result = default!;
        env.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Display.Escape(description), maxValue: 1);
                result = work(new Reporter(task, byBytes));
                task.Value = task.MaxValue;
            });
        return result;
    }

    /// <summary>Moves the bar; called on the working thread, which Spectre's renderer reads from.</summary>
    private sealed class Reporter(ProgressTask task, bool byBytes) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            var (done, total) = byBytes ? (value.Bytes, value.TotalBytes) : (value.Items, value.TotalItems);
            if (done is null || total is null or 0)
            {
                task.IsIndeterminate = true;
                return;
            }

            task.MaxValue = total.Value;
            task.Value = done.Value;
        }
    }
}
