using System.Diagnostics;

namespace LiteDatasets.Cli.Tests;

/// <summary>Runs the built tool as a separate process, as a user would.</summary>
[TestFixture]
public sealed class ProcessTests : CliTestBase
{
    [Test]
    public void Process_DemoThenVerify_ExitCodesAndOutputAsInProcess()
    {
        var demo = Start("demo");
        var verify = Start("verify", "demo.litedb", "--json");
        var missing = Start("verify", "missing.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(demo.ExitCode, Is.Zero, demo.ToString);
            Assert.That(demo.Output, Does.Contain("50 added, 2 removed, 5 modified"));
            Assert.That(verify.Json["healthy"]!.GetValue<bool>(), Is.True);
            Assert.That(missing.ExitCode, Is.EqualTo(1));
            Assert.That(missing.Error, Does.StartWith("error: The file 'missing.litedb' does not exist."));
            Assert.That(missing.Error, Does.Not.Contain("Exception"));
        });
    }

    private CliResult Start(params string[] args)
    {
        var tool = Path.Combine(TestContext.CurrentContext.TestDirectory, "LiteDatasets.Cli.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new CliResult(process.ExitCode, output, error.Result);
    }
}
