namespace LiteDatasets.Cli.Tests;

[TestFixture]
public sealed class DemoCommandTests : CliTestBase
{
    [Test]
    public void Demo_NoArguments_BuildsDemoFileAndPrintsVersionsDiffAndSnapshot()
    {
        var result = Run("demo");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(File.Exists(Path.Combine(Directory, "demo.litedb")), Is.True);
            Assert.That(result.Output, Does.Contain("1. Versions").And.Contain("2. Diff").And.Contain("3. Snapshot reads").And.Contain("Try next"));
            Assert.That(result.Output, Does.Contain("gsm8k-demo version 1 → 4: 50 added, 2 removed, 5 modified."));
            Assert.That(result.Output, Does.Contain("Streaming version 1 reads 250 items; the current version 4 has 298."));
            Assert.That(result.Error, Is.Empty);
        });
    }

    [Test]
    public void Demo_FileExists_RefusesWithOneLineAndLeavesTheFileAlone()
    {
        var path = WriteFile("demo.litedb", "not a store");

        var result = Run("demo");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.Contain("already exists").And.Contain("--force"));
            Assert.That(File.ReadAllText(path), Is.EqualTo("not a store"));
        });
    }

    [Test]
    public void Demo_Force_ReplacesAnExistingFile()
    {
        WriteFile("demo.litedb", "not a store");

        var result = Run("demo", "--force", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(RunJson("verify", "demo.litedb")["healthy"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Demo_RunTwice_RebuildsItsOwnFile()
    {
        Assert.That(Run("demo").ExitCode, Is.Zero);

        var again = Run("demo", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.Zero, again.ToString);
            Assert.That(again.Json["versions"]!.AsArray(), Has.Count.EqualTo(4), "Rebuilt from scratch, not added to.");
            Assert.That(RunJson("verify", "demo.litedb")["healthy"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public void Demo_ItsFileWithAnotherDatasetAdded_IsLeftAlone()
    {
        Assert.That(Run("demo").ExitCode, Is.Zero);
        Assert.That(Run("create", "demo.litedb", "mine").ExitCode, Is.Zero);

        var again = Run("demo", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(again.ExitCode, Is.EqualTo(1));
            Assert.That(again.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileExists"));
            Assert.That(again.Error, Does.Contain("not a file the demo built").And.Contain("--force"));
            Assert.That(RunJson("list", "demo.litedb")["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()),
                Is.EquivalentTo(new[] { "gsm8k-demo", "mine" }));
        });
    }

    [TestCase(false)]
    [TestCase(true)]
    public void Demo_ForceOnAFileThatAStoreHasOpen_RefusesWithFileLockedAndLeavesItAlone(bool shared)
    {
        var path = Path.Combine(Directory, "live.litedb");
        DatasetStore.Open(path).Dispose();
        using var live = DatasetStore.Open(new DatasetStoreOptions { Path = path, Shared = shared });
        live.CreateDataset(new DatasetDefinition("mine"));

        var result = Run("demo", "--force", "--path", "live.litedb", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("FileLocked"));
            Assert.That(live.ListDatasets().Items.Select(d => d.Name), Is.EqualTo(new[] { "mine" }));
        });
        live.Dispose();
        using var reopened = DatasetStore.Open(path);
        Assert.That(reopened.FindDataset("mine"), Is.Not.Null, "The file still holds the store after it closed.");
    }

    [Test]
    public void Demo_Json_HasTheDocumentedShape()
    {
        var json = RunJson("demo", "--path", "other.litedb");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "path", "dataset", "versions", "diff" }));
            Assert.That(Keys(json["dataset"]), Is.EqualTo(DatasetKeys));
            Assert.That(json["versions"]!.AsArray().Select(v => v!["number"]!.GetValue<long>()), Is.EqualTo(new[] { 4L, 3L, 2L, 1L }));
            Assert.That(Keys(json["versions"]![0]), Is.EqualTo(VersionKeys));
            Assert.That(json["diff"]!.ToJsonString(), Is.EqualTo("""{"from":"baseline","to":"golden","fromVersion":1,"toVersion":4,"added":50,"removed":2,"modified":5}"""));
            Assert.That(File.Exists(Path.Combine(Directory, "other.litedb")), Is.True);
        });
    }
}
