using System.ComponentModel;
using System.Diagnostics;

namespace LiteDatasets.TestServer;

/// <summary>
/// Runs one program to its end, without a shell, with its output captured and a bounded wait: a PostgreSQL tool
/// that hangs must fail the start of a server, not hang the test run.
/// </summary>
internal static class ChildProcess
{
    /// <summary>How long any one tool (initdb, pg_ctl, chown, pg_config) may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>
    /// (the current one when null) and returns its exit code with standard output and standard error together.
    /// </summary>
    /// <exception cref="PostgresUnavailableException">The program cannot be started, or it did not finish in time.</exception>
    public static Result Run(string program, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(program).Select(a => a.Any(char.IsWhiteSpace) ? $"\"{a}\"" : a));
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new PostgresUnavailableException($"{commandLine} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new PostgresUnavailableException($"{commandLine} cannot be started: {e.Message}", e);
        }

        using (process)
        {
            // Nothing to read: a tool that asks for input (a password prompt) sees the end of it instead of waiting.
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                Kill(process);
                throw new PostgresUnavailableException($"{commandLine} did not finish within {Timeout.TotalSeconds} s.");
            }

            // A grandchild that kept the pipes open (it should not: pg_ctl sends the server's output to the log)
            // must not hold the caller; what was read so far is enough.
            try
            {
                Task.WaitAll([output, error], TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // A pipe that broke; whatever the other one holds is still worth showing.
            }

            return new Result(
                commandLine,
                process.ExitCode,
                output.IsCompletedSuccessfully ? output.Result : string.Empty,
                error.IsCompletedSuccessfully ? error.Result : string.Empty);
        }
    }

    /// <summary>How a program ended: its exit code and what it printed, for the message of a failure.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string StandardOutput, string StandardError)
    {
        /// <summary>Gets whether the program exited with code 0.</summary>
        public bool Succeeded => ExitCode == 0;

        /// <summary>Gets both outputs, standard output first, without trailing blank lines.</summary>
        public string Output => (StandardOutput.TrimEnd() + "\n" + StandardError.TrimEnd()).Trim();

        /// <inheritdoc/>
        public override string ToString() => $"{CommandLine} exited with code {ExitCode}" + (Output.Length > 0 ? $":\n{Output}" : ".");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (Exception e) when (e is Win32Exception or AggregateException)
        {
            // Not ours to kill any more; the caller reports the time-out either way.
        }
    }
}
