using LiteDatasets.Cli.Infrastructure;
using Spectre.Console;

namespace LiteDatasets.Cli.Tests;

/// <summary>rename, rm (with and without a person to ask) and backup.</summary>
[TestFixture]
public sealed class DatasetMaintenanceTests : CliTestBase
{
    private static readonly string NewLine = Environment.NewLine;

    [SetUp]
    public void CreateDataset()
    {
        Assert.That(Run("create", "evals.litedb", "qa").ExitCode, Is.Zero);
        Assert.That(Run("add", "evals.litedb", "qa", "{\"input\":1}", "{\"input\":2}").ExitCode, Is.Zero);
    }

    [Test]
    public void Rename_NewName_KeepsTheIdAndVersions()
    {
        var id = RunJson("list", "evals.litedb")["datasets"]![0]!["id"]!.GetValue<string>();

        var text = Run("rename", "evals.litedb", "QA", "qa-main");
        var json = RunJson("rename", "evals.litedb", "qa-main", "qa-final");

        Assert.Multiple(() =>
        {
            Assert.That(text.Output, Is.EqualTo($"Renamed dataset 'qa' to 'qa-main'.{NewLine}"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "previousName", "dataset" }));
            Assert.That(json["previousName"]!.GetValue<string>(), Is.EqualTo("qa-main"));
            Assert.That(Keys(json["dataset"]), Is.EqualTo(DatasetKeys));
            Assert.That((json["dataset"]!["id"]!.GetValue<string>(), json["dataset"]!["name"]!.GetValue<string>(), json["dataset"]!["version"]!.GetValue<long>()),
                Is.EqualTo((id, "qa-final", 1L)));
        });
    }

    [Test]
    public void Rename_NameOfAnotherDataset_FailsWithDatasetNameTaken()
    {
        Run("create", "evals.litedb", "other");

        var result = Run("rename", "evals.litedb", "qa", "OTHER", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("DatasetNameTaken"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "other", "qa" }));
        });
    }

    [Test]
    public void Rm_Yes_DeletesTheDataset()
    {
        Run("create", "evals.litedb", "other");

        var text = Run("rm", "evals.litedb", "qa", "--yes");
        var json = RunJson("rm", "evals.litedb", "other", "-y");

        Assert.Multiple(() =>
        {
            Assert.That(text.Output, Is.EqualTo($"Deleted dataset 'qa' with its 2 item(s) and 1 version(s).{NewLine}"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "version", "itemCount" }));
            Assert.That(json["dataset"]!["name"]!.GetValue<string>(), Is.EqualTo("other"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public void Rm_InputNotATerminal_RefusesWithAUsageErrorAndKeepsTheDataset()
    {
        var result = Run("rm", "evals.litedb", "qa", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error, Is.EqualTo($"error: rm would delete dataset 'qa' with its 2 item(s) and 1 version(s), and asks first only at a terminal. Add --yes to delete it.{NewLine}"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Usage"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Rm_AtATerminalAnsweredYes_Deletes()
    {
        var result = RunAtTerminal("y\n", "rm", "evals.litedb", "qa");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Does.StartWith("Delete dataset 'qa' with its 2 item(s) and 1 version(s)? This cannot be undone. [y/n] (n): y"));
            Assert.That(result.Output, Does.EndWith($"Deleted dataset 'qa' with its 2 item(s) and 1 version(s).{NewLine}"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Is.Empty);
        });
    }

    [TestCase("n\n")]
    [TestCase("\n")]
    public void Rm_AtATerminalNotAnsweredYes_KeepsTheDataset(string answer)
    {
        var result = RunAtTerminal(answer, "rm", "evals.litedb", "qa");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: Nothing was deleted: dataset 'qa' is as it was.{NewLine}"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Rm_JsonAtATerminalWithoutYes_NeverAsks()
    {
        var result = RunAtTerminal("y\n", "rm", "evals.litedb", "qa", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Usage"));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void Backup_NewFile_IsAStoreWithTheSameData()
    {
        var text = Run("backup", "evals.litedb", "copy.litedb");
        var json = RunJson("backup", "evals.litedb", "copy2.litedb");

        var fingerprint = RunJson("versions", "evals.litedb", "qa")["versions"]![0]!["fingerprint"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(text.Output, Does.Match(@"^Wrote a backup of evals\.litedb to copy\.litedb \(\d+ KiB\)\.\r?\n$"));
            Assert.That(Keys(json), Is.EqualTo(new[] { "path", "sizeBytes" }));
            Assert.That(json["path"]!.GetValue<string>(), Is.EqualTo(Path.Combine(Directory, "copy2.litedb")));
            Assert.That(json["sizeBytes"]!.GetValue<long>(), Is.EqualTo(new FileInfo(Path.Combine(Directory, "copy2.litedb")).Length));
            Assert.That(RunJson("versions", "copy.litedb", "qa")["versions"]![0]!["fingerprint"]!.GetValue<string>(), Is.EqualTo(fingerprint));
            Assert.That(RunJson("verify", "copy2.litedb")["healthy"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Backup_OntoTheStoreItself_IsRefusedEvenWithForceAndTheStoreStays()
    {
        var result = Run("backup", "evals.litedb", "./evals.litedb", "--force", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: A backup cannot overwrite the store's own files (its data file or journal); choose another path.{NewLine}"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(RunJson("items", "evals.litedb", "qa")["total"]!.GetValue<long>(), Is.EqualTo(2));
        });
    }

    [Test]
    public void Backup_OverAnExistingFile_NeedsForce()
    {
        WriteFile("notes.txt", "keep me");

        var refused = Run("backup", "evals.litedb", "notes.txt", "--json");
        var kept = File.ReadAllText(Path.Combine(Directory, "notes.txt"));
        var forced = Run("backup", "evals.litedb", "notes.txt", "--force");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileExists"));
            Assert.That(refused.Error, Does.Contain("Add --force to replace it"));
            Assert.That(kept, Is.EqualTo("keep me"));
            Assert.That(forced.ExitCode, Is.EqualTo(0), forced.Error);
            Assert.That(RunJson("verify", "notes.txt")["healthy"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Backup_PostgresStore_PointsToTheServersTools()
    {
        var result = Run("backup", "postgresql://me@localhost/evals", "copy.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo($"error: backup copies a store file; back up a PostgreSQL store with the server's tools (pg_dump --schema litedatasets).{NewLine}"));
        });
    }

    /// <summary>Runs a command as if standard input were a terminal on which a person types <paramref name="typed"/>.</summary>
    private CliResult RunAtTerminal(string typed, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, Directory, interactive: false, keyboard: new TypedKeys(typed));
        var code = CliApp.Run(args, env);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>A keyboard that types the given text, then nothing.</summary>
    private sealed class TypedKeys(string typed) : IAnsiConsoleInput
    {
        private readonly Queue<char> _keys = new(typed);

        public bool IsKeyAvailable() => _keys.Count > 0;

        public ConsoleKeyInfo? ReadKey(bool intercept)
        {
            if (!_keys.TryDequeue(out var key))
            {
                throw new AssertionException("The command read more keys than were typed.");
            }

            return key == '\n'
                ? new ConsoleKeyInfo('\r', ConsoleKey.Enter, shift: false, alt: false, control: false)
                : new ConsoleKeyInfo(key, Enum.TryParse<ConsoleKey>(key.ToString().ToUpperInvariant(), out var named) ? named : ConsoleKey.NoName, shift: false, alt: false, control: false);
        }

        public Task<ConsoleKeyInfo?> ReadKeyAsync(bool intercept, CancellationToken cancellationToken) => Task.FromResult(ReadKey(intercept));
    }
}
