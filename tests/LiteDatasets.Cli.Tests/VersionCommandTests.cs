namespace LiteDatasets.Cli.Tests;

/// <summary>diff, tag and restore.</summary>
[TestFixture]
public sealed class VersionCommandTests : CliTestBase
{
    [SetUp]
    public void UseDemo() => CopyDemo();

    [Test]
    public void Diff_TagsToCurrent_ListsChangesWithBothStates()
    {
        var json = RunJson("diff", "demo.litedb", "gsm8k-demo", "baseline");
        var text = Run("diff", "demo.litedb", "gsm8k-demo", "1", "golden");

        var modified = json["modified"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "dataset", "fromVersion", "toVersion", "added", "removed", "modified" }));
            Assert.That((json["fromVersion"]!.GetValue<long>(), json["toVersion"]!.GetValue<long>()), Is.EqualTo((1L, 4L)));
            Assert.That((json["added"]!.AsArray().Count, json["removed"]!.AsArray().Count, modified.Count), Is.EqualTo((50, 2, 5)));
            Assert.That(Keys(modified[0]), Is.EqualTo(new[] { "itemId", "changedPaths", "before", "after" }));
            Assert.That(modified[0]!["changedPaths"]!.AsArray().Select(p => p!.GetValue<string>()), Is.EqualTo(new[] { "/expectedOutput", "/metadata" }));
            Assert.That(json["added"]![0]!["before"], Is.Null);
            Assert.That(text.Output, Does.Contain("50 added, 2 removed, 5 modified").And.Contain("gsm8k-test-0001"));
        });
    }

    [Test]
    public void Tag_AddMoveDelete_EachReportsItsAction()
    {
        var added = RunJson("tag", "add", "demo.litedb", "gsm8k-demo", "reviewed", "2");
        var again = RunJson("tag", "add", "demo.litedb", "gsm8k-demo", "reviewed", "2");
        var moved = RunJson("tag", "move", "demo.litedb", "gsm8k-demo", "reviewed", "golden");
        var deleted = RunJson("tag", "delete", "demo.litedb", "gsm8k-demo", "reviewed");

        Assert.Multiple(() =>
        {
            Assert.That(Keys(added), Is.EqualTo(new[] { "dataset", "tag", "version", "action" }));
            Assert.That(new[] { added, again, moved, deleted }.Select(j => (j["action"]!.GetValue<string>(), j["version"]!.GetValue<long>())),
                Is.EqualTo(new[] { ("added", 2L), ("unchanged", 2L), ("moved", 4L), ("deleted", 4L) }));
            Assert.That(Run("items", "demo.litedb", "gsm8k-demo", "--at", "reviewed").ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void TagAdd_OnlyDigits_IsRefusedBecauseItWouldMeanAVersionNumber()
    {
        var result = Run("tag", "add", "demo.litedb", "gsm8k-demo", "2024", "1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("InvalidArgument"));
            Assert.That(result.Error, Is.EqualTo("error: The tag '2024' is made only of digits, which always means a version number; give the tag a name with a letter or a sign in it (for example 'v2024').\n").Or.EqualTo("error: The tag '2024' is made only of digits, which always means a version number; give the tag a name with a letter or a sign in it (for example 'v2024').\r\n"));
            Assert.That(RunJson("versions", "demo.litedb", "gsm8k-demo")["versions"]!.AsArray().SelectMany(v => v!["tags"]!.AsArray()).Select(t => t!.GetValue<string>()),
                Is.EquivalentTo(new[] { "baseline", "golden" }));
        });
    }

    [Test]
    public void TagAdd_TagOnAnotherVersion_FailsWithTagExists()
    {
        var result = Run("tag", "add", "demo.litedb", "gsm8k-demo", "golden", "1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("TagExists"));
        });
    }

    [Test]
    public void Restore_Baseline_MakesANewVersionWithTheBaselineContent()
    {
        var preview = RunJson("restore", "demo.litedb", "gsm8k-demo", "baseline", "--dry-run");
        var restored = RunJson("restore", "demo.litedb", "gsm8k-demo", "baseline");
        var again = RunJson("restore", "demo.litedb", "gsm8k-demo", "baseline");

        var versions = RunJson("versions", "demo.litedb", "gsm8k-demo")["versions"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(restored), Is.EqualTo(new[] { "dataset", "restoredVersion", "version", "created", "added", "updated", "deleted", "dryRun" }));
            Assert.That((preview["created"]!.GetValue<bool>(), preview["added"]!.GetValue<int>(), preview["updated"]!.GetValue<int>(), preview["deleted"]!.GetValue<int>()), Is.EqualTo((false, 2, 5, 50)));
            Assert.That((restored["version"]!.GetValue<long>(), restored["added"]!.GetValue<int>(), restored["updated"]!.GetValue<int>(), restored["deleted"]!.GetValue<int>()), Is.EqualTo((5L, 2, 5, 50)));
            Assert.That(again["created"]!.GetValue<bool>(), Is.False);
            Assert.That(versions[0]!["fingerprint"]!.GetValue<string>(), Is.EqualTo(versions[4]!["fingerprint"]!.GetValue<string>()));
            Assert.That(versions[0]!["message"]!.GetValue<string>(), Is.EqualTo("Restored version 1"));
        });
    }

    [Test]
    public void Restore_VersionOutOfRange_FailsWithVersionNotFound()
    {
        var result = Run("restore", "demo.litedb", "gsm8k-demo", "99", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("VersionNotFound"));
            Assert.That(result.Error, Does.Contain("no version 99"));
        });
    }
}
