using System.Diagnostics;

namespace LiteDatasets.Packaging.Tests;

/// <summary>Runs a program (the dotnet CLI, an installed tool) to its end with a bounded wait, capturing what it printed.</summary>
internal static class Dotnet
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    public static (int ExitCode, string Output) Run(string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Program(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", directory, environment, arguments);

    /// <summary>Runs <paramref name="program"/> with <paramref name="arguments"/> in <paramref name="directory"/>.</summary>
    public static (int ExitCode, string Output) Program(string program, string directory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{program} {string.Join(' ', arguments)}' did not finish within {Limit.TotalMinutes} minutes.");
        }

        return (process.ExitCode, output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult());
    }
}
