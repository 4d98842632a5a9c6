namespace LiteDatasets.Cli.Tests;

/// <summary>import and export.</summary>
[TestFixture]
public sealed class TransferCommandTests : CliTestBase
{
    [Test]
    public void Import_Gsm8kOneLiner_CreatesDatasetAsOneVersion()
    {
        var result = Run("import", "evals.litedb", "gsm8k", Gsm8k("test.jsonl"), "--input", "question", "--expected", "answer", "--create", "--json");

        var json = result.Json;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "datasetCreated", "source", "format", "version", "created", "read", "added", "updated", "deleted", "unchanged", "skippedCount", "skipped", "lackingFields" }));
            Assert.That(json["datasetCreated"]!.GetValue<bool>(), Is.True);
            Assert.That(json["added"]!.GetValue<int>(), Is.EqualTo(1319));
            Assert.That(json["version"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(RunJson("versions", "evals.litedb", "gsm8k")["versions"]![0]!["message"]!.GetValue<string>(), Is.EqualTo("Imported test.jsonl"));
        });
    }

    [Test]
    public void Import_UnchangedFileInUpsertMode_CreatesNoVersion()
    {
        var file = WriteFile("qa.jsonl", "{\"k\":\"a\",\"q\":\"1+1\",\"a\":\"2\"}\n{\"k\":\"b\",\"q\":\"2+2\",\"a\":\"4\"}\n");
        Run("import", "evals.litedb", "qa", file, "--input", "q", "--expected", "a", "--key", "k", "--create");

        var again = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--expected", "a", "--key", "k", "--mode", "upsert");

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString);
            Assert.That(again.Output, Does.Contain("nothing changed, so no version was created"));
            Assert.That(RunJson("versions", "evals.litedb", "qa")["total"]!.GetValue<long>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Import_BadLine_FailsWithTheLineAndLeavesNoDataset()
    {
        WriteFile("bad.jsonl", "{\"input\":1}\n{\"input\":\n");

        var result = Run("import", "evals.litedb", "qa", "bad.jsonl", "--create", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ImportFormat"));
            Assert.That(result.Json["error"]!["line"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(result.Error, Does.StartWith("error: bad.jsonl, line 2: ").And.Contain("--skip-bad-lines"));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(RunJson("list", "evals.litedb")["datasets"]!.AsArray(), Is.Empty);
        });
    }

    [Test]
    public void Import_SkipBadLines_ReportsEachSkippedLine()
    {
        WriteFile("mixed.jsonl", "{\"input\":1}\noops\n{\"input\":2}\n{\"nope\":3}\n");

        var json = RunJson("import", "evals.litedb", "qa", "mixed.jsonl", "--create", "--skip-bad-lines");
        var text = Run("import", "evals.litedb", "qa2", "mixed.jsonl", "--create", "--skip-bad-lines");

        Assert.Multiple(() =>
        {
            Assert.That(json["added"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(json["skippedCount"]!.GetValue<long>(), Is.EqualTo(2));
            Assert.That(json["skipped"]!.AsArray().Select(s => s!["line"]!.GetValue<long>()), Is.EqualTo(new[] { 2L, 4L }));
            Assert.That(Keys(json["skipped"]![0]), Is.EqualTo(new[] { "line", "reason" }));
            Assert.That(text.Output, Does.Contain("line 2: ").And.Contain("line 4: "));
        });
    }

    [Test]
    public void Import_StandardInput_NeedsAFormatAndReadsIt()
    {
        var withoutFormat = RunWithInput("{\"input\":1}\n", "import", "evals.litedb", "qa", "-", "--create");
        var result = RunWithInput("{\"input\":1}\n", "import", "evals.litedb", "qa", "-", "--format", "jsonl", "--create", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(withoutFormat.ExitCode, Is.EqualTo(1));
            Assert.That(withoutFormat.Error, Does.Contain("--format"));
            Assert.That(result.Json["source"]!.GetValue<string>(), Is.EqualTo("standard input"));
            Assert.That(result.Json["added"]!.GetValue<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public void Import_UpsertMappedWithoutKey_FailsNamingTheOption()
    {
        WriteFile("qa.jsonl", "{\"q\":1}\n");

        var result = Run("import", "evals.litedb", "qa", "qa.jsonl", "--input", "q", "--mode", "upsert", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.Contain("--key"));
        });
    }

    [Test]
    public void Import_MissingSourceFile_FailsWithOneLine()
    {
        var result = Run("import", "evals.litedb", "qa", "nothere.jsonl", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Is.EqualTo("error: The file 'nothere.jsonl' does not exist. Check the path.\n"));
        });
    }

    [Test]
    public void ExportImportExport_BaselineOfDemo_GivesIdenticalFiles()
    {
        CopyDemo();
        var first = RunJson("export", "demo.litedb", "gsm8k-demo", "first.jsonl", "--at", "baseline");
        Run("import", "demo.litedb", "copy", "first.jsonl", "--create");

        Run("export", "demo.litedb", "copy", "second.jsonl");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(first), Is.EqualTo(new[] { "dataset", "version", "items", "format", "path", "matched", "sample" }));
            Assert.That(first["items"]!.GetValue<long>(), Is.EqualTo(250));
            Assert.That(File.ReadAllBytes(Path.Combine(Directory, "second.jsonl")), Is.EqualTo(File.ReadAllBytes(Path.Combine(Directory, "first.jsonl"))));
        });
    }

    [Test]
    public void Export_ExistingTarget_RefusesWithoutForce()
    {
        CopyDemo();
        WriteFile("out.csv", "keep");

        var refused = Run("export", "demo.litedb", "gsm8k-demo", "out.csv");
        var forced = Run("export", "demo.litedb", "gsm8k-demo", "out.csv", "--force");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Error, Does.Contain("--force"));
            Assert.That(forced.ExitCode, Is.Zero, forced.ToString);
            Assert.That(File.ReadLines(Path.Combine(Directory, "out.csv")).First(), Is.EqualTo("id,externalId,input:json,expectedOutput:json,metadata:json"));
        });
    }

    [Test]
    public void Export_OntoTheStoreItself_IsRefusedEvenWithForceAndTheStoreStays()
    {
        var store = CopyDemo();
        var before = Run("info", "demo.litedb", "--json").Json.ToJsonString();

        var refused = Run("export", "demo.litedb", "gsm8k-demo", "demo.litedb", "--force");

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString);
            Assert.That(refused.Error, Does.Contain("store's own files"));
            Assert.That(Run("info", "demo.litedb", "--json").Json.ToJsonString(), Is.EqualTo(before));
            Assert.That(Run("verify", "demo.litedb").ExitCode, Is.Zero);
            Assert.That(File.Exists(store), Is.True);
        });
    }

    [Test]
    public void Export_StandardOutput_WritesTheItems()
    {
        CopyDemo();

        var result = Run("export", "demo.litedb", "gsm8k-demo", "-", "--format", "jsonl", "--at", "1");

        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(lines, Has.Length.EqualTo(250));
            Assert.That(lines[0], Does.StartWith("{\"id\":").And.Contain("\"externalId\":\"gsm8k-test-0001\""));
        });
    }
}
