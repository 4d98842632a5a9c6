using System.Diagnostics;
using System.Text;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Ctrl-C: the command stops, says so, exits with 130, and keeps nothing of what it was writing — an import
/// commits nothing (and a dataset it created is removed), an export leaves no file, hidden or not.
/// </summary>
[TestFixture]
public sealed class InterruptTests : CliTestBase
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Test]
    public void Import_InterruptedHalfWay_ExitsWith130AndCreatesNothing()
    {
        var lines = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"input\":{i}}}\n")));
        using var interrupt = new CancellationTokenSource();

        var result = RunInterruptible(interrupt, () => new InterruptingStream(lines, lines.Length / 2, interrupt),
            "import", "evals.litedb", "qa", "-", "--format", "jsonl", "--create", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(130));
            Assert.That(result.Error, Is.EqualTo("error: Interrupted: the command stopped, and nothing it was writing was kept." + Environment.NewLine));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Cancelled"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public void Export_Interrupted_LeavesNoFileNorPartialFile()
    {
        CopyDemo();
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();

        var result = RunInterruptible(interrupt, null, "export", "demo.litedb", "gsm8k-demo", "out.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(130));
            Assert.That(System.IO.Directory.GetFiles(Directory).Select(Path.GetFileName), Is.EqualTo(new[] { "demo.litedb" }));
        });
    }

    [Test]
    public void Import_CtrlCInTheRealTool_SaysSoAtOnceAndKeepsNothing()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Assert.Ignore("The interrupt is sent with kill -INT.");
        }

        using var tool = StartTool("import", "evals.litedb", "qa", "-", "--format", "jsonl", "--create");

        // Far more than the pipe and the tool's buffer hold: once these writes return, the tool is reading
        // records, so it listens for Ctrl-C.
        for (var i = 0; i < 40_000; i++)
        {
            tool.StandardInput.WriteLine($"{{\"input\":{i}}}");
        }

        tool.StandardInput.Flush();
        using (var kill = Process.Start("kill", ["-INT", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        // The tool says it stops before it reads on; then it finds the rest of the input and stops.
        var said = tool.StandardError.ReadLineAsync();
        Assert.That(said.Wait(Step), Is.True, "The tool said nothing after Ctrl-C.");
        tool.StandardInput.WriteLine("{\"input\":\"after\"}");
        tool.StandardInput.Close();
        var rest = tool.StandardError.ReadToEndAsync();
        Assert.That(tool.WaitForExit(Step), Is.True, "The tool did not stop.");

        Assert.Multiple(() =>
        {
            Assert.That(said.Result, Is.EqualTo("Interrupted: stopping (press Ctrl-C again to quit at once)."));
            Assert.That(rest.Result, Does.Contain("error: Interrupted: the command stopped"));
            Assert.That(tool.ExitCode, Is.EqualTo(130));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Is.Empty);
        });
    }

    private CliResult RunInterruptible(CancellationTokenSource interrupt, Func<Stream>? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, Directory, interactive: false, openInput: input);
        var code = LiteDatasets.Cli.CliApp.Run(args, env, interrupt.Token);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Input that presses Ctrl-C (cancels the token) once half of it has been read.</summary>
    private sealed class InterruptingStream(byte[] bytes, long interruptAfter, CancellationTokenSource interrupt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, Math.Min(count, 4096));
            if (Position >= interruptAfter)
            {
                interrupt.Cancel();
            }

            return read;
        }
    }
}
