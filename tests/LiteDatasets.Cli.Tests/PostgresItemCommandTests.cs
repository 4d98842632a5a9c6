using LiteDatasets.Tests;

namespace LiteDatasets.Cli.Tests;

/// <summary>add, edit, delete, history by external id, rename and rm on a PostgreSQL store (a schema of its own per test).</summary>
[TestFixture]
public sealed class PostgresItemCommandTests : PostgresCliTestBase
{
    [Test]
    public void ItemAndDatasetCommands_ServerStore_WorkAsOnAFile()
    {
        var store = PostgresSuite.Server.ConnectionString;
        PgJson("create", store, "qa");

        var added = PgJson("add", store, "qa", """{"externalId":"a","input":"1+1","expectedOutput":"3"}""", """{"externalId":"b","input":"2+2"}""");
        var edited = PgJson("edit", store, "qa", "a", "--expected", "\"2\"", "--set-meta", "checked=true");
        var deleted = PgJson("delete", store, "qa", "b");
        var history = PgJson("history", store, "qa", "a");
        var renamed = PgJson("rename", store, "qa", "qa-main");
        var refused = Pg("rm", store, "qa-main");
        var removed = PgJson("rm", store, "qa-main", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(added["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()), Is.EqualTo(new[] { "a", "b" }));
            Assert.That((edited["version"]!.GetValue<long>(), edited["item"]!["expectedOutput"]!.GetValue<string>()), Is.EqualTo((2L, "2")));
            Assert.That(deleted["version"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(history["revisions"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(renamed["dataset"]!["name"]!.GetValue<string>(), Is.EqualTo("qa-main"));
            Assert.That(refused.ExitCode, Is.EqualTo(2));
            Assert.That((removed["version"]!.GetValue<long>(), removed["itemCount"]!.GetValue<long>()), Is.EqualTo((3L, 1L)));
            Assert.That(PgJson("list", store)["datasets"]!.AsArray(), Is.Empty);
        });
    }
}
