using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// --shared: reading a store file another process has open. It works beside another shared opener, not beside a
/// writer that holds the file alone (every litedatasets command that writes), and the error then says so.
/// </summary>
[TestFixture]
public sealed class SharedReadingTests : CliTestBase
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    private const string SharedAdvice = "Commands that only read take --shared, which helps only if that program opened the file shared too (litedatasets commands that write never do).";

    [TestCase("list", "evals.litedb")]
    [TestCase("info", "evals.litedb")]
    [TestCase("items", "evals.litedb", "qa")]
    [TestCase("show", "evals.litedb", "qa", "q1")]
    [TestCase("history", "evals.litedb", "qa", "q1")]
    [TestCase("versions", "evals.litedb", "qa")]
    [TestCase("diff", "evals.litedb", "qa", "0")]
    [TestCase("export", "evals.litedb", "qa", "out.jsonl")]
    public void ReadingCommand_Shared_ReadsWhatItReadsWithout(params string[] args)
    {
        BuildStore("evals.litedb", store => store.AddItem(store.CreateDataset(new DatasetDefinition("qa")).Id, new ItemDraft(JsonValue.Create(1)) { ExternalId = "q1" }));
        var plain = RunJson(args);
        File.Delete(Path.Combine(Directory, "out.jsonl"));

        var shared = RunJson([.. args, "--shared"]);

        Assert.That(shared.ToJsonString(), Is.EqualTo(plain.ToJsonString()));
    }

    [Test]
    public void Shared_PostgresStore_IsAUsageError()
    {
        var result = Run("list", "postgresql://me@localhost/evals", "--shared");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith("error: --shared applies only to a store file; a PostgreSQL store always lets commands read while another writes."));
        });
    }

    [Test]
    public void Items_WhileAnotherProcessImports_FailsWithFileLockedEvenShared_AndSaysWhy()
    {
        IgnoreUnlessSharedModeWorksHere();
        using var import = StartTool("import", "evals.litedb", "qa", "-", "--format", "jsonl", "--create");

        // Far more than the pipe and the tool's buffer hold: once these writes return, the tool is reading
        // records, so it has the store open for writing.
        for (var i = 0; i < 40_000; i++)
        {
            import.StandardInput.WriteLine($"{{\"input\":{i}}}");
        }

        import.StandardInput.Flush();
        var shared = Run("items", "evals.litedb", "qa", "--shared", "--json");
        var plain = Run("items", "evals.litedb", "qa");
        import.StandardInput.Close();
        var rest = import.StandardError.ReadToEndAsync();
        Assert.That(import.WaitForExit(Step), Is.True, "The import did not finish.");

        Assert.Multiple(() =>
        {
            Assert.That(shared.ExitCode, Is.EqualTo(1));
            Assert.That(shared.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileLocked"));
            Assert.That(shared.Error, Does.Contain("is already open in this or another process. Another program may have it open for writing: let it finish or close it, then retry. " + SharedAdvice));
            Assert.That(plain.Error, Does.Contain(SharedAdvice));
            Assert.That(import.ExitCode, Is.Zero, rest.Result);
            Assert.That(RunJson("items", "evals.litedb", "qa")["total"]!.GetValue<long>(), Is.EqualTo(40_000));
        });
    }

    [Test]
    public void Items_Shared_ReadsWhileAnotherProcessHasTheFileOpenShared()
    {
        IgnoreUnlessSharedModeWorksHere();
        BuildStore("evals.litedb", store =>
        {
            var id = store.CreateDataset(new DatasetDefinition("qa")).Id;
            store.AddItems(id, Enumerable.Range(0, 20_000).Select(i => new ItemDraft(JsonValue.Create($"question number {i} with some words to make the export long"))));
        });

        // The export holds the file open (shared) until its output is read: far more than a pipe holds.
        using var export = StartTool("export", "evals.litedb", "qa", "-", "--format", "jsonl", "--shared");
        var first = export.StandardOutput.ReadLineAsync();
        Assert.That(first.Wait(Step), Is.True, "The export printed nothing.");
        var shared = Run("items", "evals.litedb", "qa", "--shared", "--page-size", "1", "--json");
        var plain = Run("items", "evals.litedb", "qa", "--page-size", "1", "--json");
        var rest = export.StandardOutput.ReadToEndAsync();
        Assert.That(export.WaitForExit(Step), Is.True, "The export did not finish.");

        Assert.Multiple(() =>
        {
            Assert.That(first.Result, Does.Contain("question number 0 "));
            Assert.That(shared.ExitCode, Is.Zero, shared.ToString);
            Assert.That(shared.Json["total"]!.GetValue<long>(), Is.EqualTo(20_000));
            Assert.That(plain.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileLocked"));
            Assert.That(export.ExitCode, Is.Zero);
            Assert.That(rest.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(19_999));
        });
    }

    private static void IgnoreUnlessSharedModeWorksHere()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows())
        {
            Assert.Ignore("Shared mode needs Linux or Windows.");
        }
    }
}
