using System.Diagnostics;

namespace LiteDatasets.Tests;

/// <summary>
/// Runs the LiteDatasets.TestHost program as a second process (<c>dotnet LiteDatasets.TestHost.dll …</c>), with
/// bounded waits everywhere: a child that hangs is killed and the test fails instead of hanging.
/// </summary>
public sealed class TestHostProcess : IDisposable
{
    /// <summary>How long any single step of a child may take before the test gives up on it.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private TestHostProcess(Process process) => _process = process;

    /// <summary>Gets the test host's assembly, which the build copies beside the test assembly.</summary>
    public static string DllPath => Path.Combine(AppContext.BaseDirectory, "LiteDatasets.TestHost.dll");

    /// <summary>Gets the test host's runtime configuration, without which <c>dotnet</c> cannot start it.</summary>
    public static string RuntimeConfigPath => Path.Combine(AppContext.BaseDirectory, "LiteDatasets.TestHost.runtimeconfig.json");

    /// <summary>Gets the exit code once the child has exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Runs a command to its end and returns its exit code and the lines it printed.</summary>
    public static (int ExitCode, IReadOnlyList<string> Lines) Run(params string[] arguments)
    {
        using var child = Start(arguments);
        var lines = new List<string>();
        while (child.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return (child.WaitForExit(), lines);
    }

    /// <summary>Starts a command; read its output with <see cref="ReadLine"/>.</summary>
    public static TestHostProcess Start(params string[] arguments)
    {
        Assert.That(File.Exists(DllPath) && File.Exists(RuntimeConfigPath), Is.True,
            $"The test host must be built into the test output directory ({DllPath} and its runtimeconfig.json).");
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The test host did not start.");

        // Drain standard error so that a chatty child never blocks on a full pipe.
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginErrorReadLine();
        return new TestHostProcess(process);
    }

    /// <summary>Reads the next line the child printed, or null at the end of its output.</summary>
    public string? ReadLine()
    {
        var read = _process.StandardOutput.ReadLineAsync();
        if (!read.Wait(StepTimeout))
        {
            Kill();
            Assert.Fail($"The test host printed nothing within {StepTimeout.TotalSeconds} s.");
        }

        return read.Result;
    }

    /// <summary>Sends one line to the child's standard input.</summary>
    public void WriteLine(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>Waits (bounded) for the child to exit and returns its exit code.</summary>
    public int WaitForExit()
    {
        if (!_process.WaitForExit(StepTimeout))
        {
            Kill();
            Assert.Fail($"The test host did not exit within {StepTimeout.TotalSeconds} s.");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>
    /// Kills the child at once, the way <c>kill -9</c> does (SIGKILL on Unix): it gets no chance to close files,
    /// flush buffers or run any code. Waits (bounded) until it is gone; lines it printed before stay readable.
    /// </summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(StepTimeout);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The <c>dotnet</c> host running these tests, so that the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        var fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? current
            : "dotnet";
    }
}
