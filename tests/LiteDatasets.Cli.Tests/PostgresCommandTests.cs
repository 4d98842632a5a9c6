using System.Net;
using System.Net.Sockets;
using LiteDatasets.Tests;
using LiteDatasets.TestServer;
using Npgsql;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// The commands on a PostgreSQL store: every test keeps to a schema of its own (--schema) on the test run's
/// private server, and no password given to a command ever shows in what it prints.
/// </summary>
[TestFixture]
public sealed class PostgresCommandTests : PostgresCliTestBase
{
    /// <summary>The file above with b corrected, c gone and d new.</summary>
    private const string ChangedJsonl = "{\"k\":\"a\",\"q\":\"1+1\",\"a\":\"2\"}\n{\"k\":\"b\",\"q\":\"2+2\",\"a\":\"four\"}\n{\"k\":\"d\",\"q\":\"4+4\",\"a\":\"8\"}\n";

    [Test]
    public void Commands_UrlForm_CreateImportBrowseTagDiffExportRestore()
    {
        var store = Url;
        var created = PgJson("create", store, "qa", "--description", "Hand-checked");
        WriteFile("qa.jsonl", Jsonl);
        var imported = PgJson(["import", store, "qa", "qa.jsonl", .. Mapping]);
        var tagged = PgJson("tag", "add", store, "qa", "golden");
        WriteFile("qa2.jsonl", ChangedJsonl);
        var synced = PgJson(["import", store, "qa", "qa2.jsonl", .. Mapping, "--mode", "sync"]);

        var list = PgJson("list", store);
        var items = PgJson("items", store, "qa", "--at", "golden");
        var shown = PgJson("show", store, "qa", "b", "--at", "golden");
        var versions = PgJson("versions", store, "qa");
        var diff = PgJson("diff", store, "qa", "golden");
        var exported = PgJson("export", store, "qa", "golden.jsonl", "--at", "golden");
        var restored = PgJson("restore", store, "qa", "golden");

        Assert.Multiple(() =>
        {
            Assert.That(created["dataset"]!["version"]!.GetValue<long>(), Is.Zero);
            Assert.That((imported["version"]!.GetValue<long>(), imported["added"]!.GetValue<long>()), Is.EqualTo((1L, 3L)));
            Assert.That(tagged["action"]!.GetValue<string>(), Is.EqualTo("added"));
            Assert.That(
                (synced["version"]!.GetValue<long>(), synced["added"]!.GetValue<long>(), synced["updated"]!.GetValue<long>(), synced["deleted"]!.GetValue<long>()),
                Is.EqualTo((2L, 1L, 1L, 1L)));
            Assert.That(list["datasets"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "qa" }));
            Assert.That(list["datasets"]![0]!["description"]!.GetValue<string>(), Is.EqualTo("Hand-checked"));
            Assert.That(items["version"]!.GetValue<long>(), Is.EqualTo(1));
            Assert.That(items["items"]!.AsArray().Select(i => i!["externalId"]!.GetValue<string>()), Is.EquivalentTo(new[] { "a", "b", "c" }));
            Assert.That(shown["item"]!["expectedOutput"]!.GetValue<string>(), Is.EqualTo("4"));
            Assert.That(versions["versions"]!.AsArray().Select(v => v!["number"]!.GetValue<long>()), Is.EqualTo(new[] { 2L, 1L }));
            Assert.That(versions["versions"]![1]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()), Is.EqualTo(new[] { "golden" }));
            Assert.That(
                (diff["added"]!.AsArray().Count, diff["removed"]!.AsArray().Count, diff["modified"]!.AsArray().Count),
                Is.EqualTo((1, 1, 1)));
            Assert.That(exported["items"]!.GetValue<long>(), Is.EqualTo(3));
            Assert.That(File.ReadAllLines(Path.Combine(Directory, "golden.jsonl")), Has.Length.EqualTo(3));
            Assert.That((restored["version"]!.GetValue<long>(), restored["created"]!.GetValue<bool>()), Is.EqualTo((3L, true)));
        });
    }

    [Test]
    public void Commands_TextOutput_ReadLikeOnAFile()
    {
        var store = Keywords;
        WriteFile("qa.jsonl", Jsonl);
        Pg(["import", store, "qa", "qa.jsonl", .. Mapping, "--create"]);
        Pg("tag", "add", store, "qa", "golden");

        var list = Pg("list", store);
        var items = Pg("items", store, "qa", "--search", "3+3");
        var show = Pg("show", store, "qa", "c");
        var versions = Pg("versions", store, "qa");
        var diff = Pg("diff", store, "qa", "golden", "1");

        Assert.Multiple(() =>
        {
            foreach (var result in new[] { list, items, show, versions, diff })
            {
                Assert.That(result.ExitCode, Is.Zero, result.ToString);
            }

            Assert.That(list.Output, Does.Contain("qa"));
            Assert.That(items.Output, Does.Contain("3+3").And.Contain("Items 1–1 of 1"));
            Assert.That(show.Output, Does.Contain("External id").And.Contain("6"));
            Assert.That(versions.Output, Does.Contain("Imported qa.jsonl").And.Contain("golden"));
            Assert.That(diff.Output, Does.Contain("0 added, 0 removed, 0 modified"));
        });
    }

    [Test]
    public void ImportCreate_MissingStore_CreatesTheSchemaAndTheDataset()
    {
        WriteFile("qa.jsonl", Jsonl);

        var result = Pg(["import", Keywords, "qa", "qa.jsonl", .. Mapping, "--create"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(result.Output, Does.Contain("Created dataset qa.").And.Contain("as version 1: 3 added"));
            Assert.That(PgJson("list", Keywords)["datasets"]![0]!["itemCount"]!.GetValue<long>(), Is.EqualTo(3));
        });
    }

    [Test]
    public void ImportCreate_BadLine_LeavesAnEmptyStoreThatListSaysHowToFill()
    {
        WriteFile("bad.jsonl", "{\"input\":1}\n{\"input\":\n");

        var import = Pg("import", Keywords, "qa", "bad.jsonl", "--create");
        var list = Pg("list", Keywords);

        Assert.Multiple(() =>
        {
            Assert.That(import.ExitCode, Is.EqualTo(1));
            Assert.That(import.Error, Does.StartWith("error: bad.jsonl, line 2: "));
            Assert.That(list.ExitCode, Is.Zero, list.ToString);
            Assert.That(Unwrapped(list.Output), Does.StartWith("The store in PostgreSQL database 'postgres'").And.Contain(
                $"has no datasets yet. Create one with 'litedatasets create \"Host=127.0.0.1;Port={PostgresSuite.Server.Port};Username=postgres;Database=postgres\" --schema {Schema} NAME'."));
        });
    }

    [Test]
    public void Info_ServerStore_ShowsEngineLocationAndSchemaVersion()
    {
        WriteFile("qa.jsonl", Jsonl);
        Pg(["import", Keywords, "qa", "qa.jsonl", .. Mapping, "--create"]);

        var json = PgJson("info", Keywords);
        var text = Pg("info", Keywords);

        var location = json["location"]!.GetValue<string>();
        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "engine", "location", "schema", "schemaVersion", "datasetCount", "itemCount", "datasets" }));
            Assert.That(json["engine"]!.GetValue<string>(), Is.EqualTo("postgresql"));
            Assert.That(location, Does.Contain($"127.0.0.1:{PostgresSuite.Server.Port}").And.Contain($"'{Schema}'"));
            Assert.That(json["schema"]!.GetValue<string>(), Is.EqualTo(Schema));
            Assert.That(json["schemaVersion"]!.GetValue<int>(), Is.Positive);
            Assert.That((json["datasetCount"]!.GetValue<int>(), json["itemCount"]!.GetValue<long>()), Is.EqualTo((1, 3L)));
            Assert.That(Keys(json["datasets"]![0]), Is.EqualTo(DatasetKeys));
            Assert.That(text.ExitCode, Is.Zero, text.ToString);
            Assert.That(text.Output, Does.Contain("PostgreSQL").And.Contain(location).And.Contain("Schema version").And.Contain("Live items"));
            Assert.That(text.Output, Does.Not.Contain("Size"));
        });
    }

    [Test]
    public void Verify_ServerStore_ReportsHealthyLikeAFile()
    {
        WriteFile("qa.jsonl", Jsonl);
        Pg(["import", Keywords, "qa", "qa.jsonl", .. Mapping, "--create"]);

        var json = PgJson("verify", Keywords);
        var text = Pg("verify", Keywords);

        Assert.Multiple(() =>
        {
            Assert.That(Keys(json), Is.EqualTo(new[] { "healthy", "datasetsChecked", "revisionsChecked", "problems" }));
            Assert.That(json["healthy"]!.GetValue<bool>(), Is.True);
            Assert.That(json["datasetsChecked"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(text.ExitCode, Is.Zero, text.ToString);
            Assert.That(Unwrapped(text.Output), Does.StartWith("OK: PostgreSQL database 'postgres' on 127.0.0.1:").And.Contain($"schema '{Schema}' is healthy"));
        });
    }

    [Test]
    public void Schema_WithAStoreFile_IsAUsageError()
    {
        var result = Run("list", "evals.litedb", "--schema", "team", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("Usage"));
            Assert.That(result.Error, Does.StartWith("error: --schema applies only to a PostgreSQL store"));
            Assert.That(File.Exists(Path.Combine(Directory, "evals.litedb")), Is.False);
        });
    }

    [Test]
    public void Commands_MissingStore_FailWithoutCreatingIt()
    {
        var list = Pg("list", Keywords, "--json");
        var tag = Pg("tag", "add", Keywords, "qa", "golden");
        var again = Pg("list", Keywords);

        Assert.Multiple(() =>
        {
            Assert.That(list.ExitCode, Is.EqualTo(1));
            Assert.That(list.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("StorageFailure"));
            Assert.That(list.Error, Does.StartWith("error: There is no store in ").And.Contain($"'{Schema}'"));
            Assert.That(list.Error, Does.Contain($"create the store with 'litedatasets create \"Host=127.0.0.1;Port={PostgresSuite.Server.Port};Username=postgres;Database=postgres\" --schema {Schema} NAME'"));
            Assert.That(tag.ExitCode, Is.EqualTo(1));
            Assert.That(tag.Error, Does.StartWith("error: There is no store in "));
            Assert.That(again.Error, Does.StartWith("error: There is no store in "), "a write command on a missing store must not create it");
        });
    }

    [Test]
    public void Messages_ConnectionWithPassword_NameTheStoreButNeverThePassword()
    {
        // The test server trusts every local connection, so a password in the connection is accepted and ignored.
        const string Password = "hunter2-in-the-connection";
        var store = Keywords + ";Password=" + Password;

        var created = Pg("create", store, "qa");
        var unknown = Pg("items", store, "nope", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(created.ExitCode, Is.Zero, created.ToString);
            Assert.That(Unwrapped(created.Output), Does.Contain("in PostgreSQL database 'postgres' on 127.0.0.1:").And.Contain($"schema '{Schema}', at version 0."));
            Assert.That(unknown.ExitCode, Is.EqualTo(1));
            Assert.That(unknown.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("DatasetNotFound"));
            Assert.That(unknown.Error, Does.StartWith("error: The store in PostgreSQL database 'postgres'").And.Contain("no dataset named 'nope'"));
            Assert.That(unknown.Error, Does.Contain($"Run 'litedatasets list \"Host=127.0.0.1;Port={PostgresSuite.Server.Port};Username=postgres;Database=postgres\" --schema {Schema}'"));
            foreach (var result in new[] { created, unknown })
            {
                Assert.That(result.Output + result.Error, Does.Not.Contain(Password));
            }
        });
    }

    [Test]
    public void Open_UnreachableServer_FailsClearlyWithoutThePassword()
    {
        const string Password = "s3cret-of-the-url";
        var port = ClosedPort();

        var result = Run("list", $"postgresql://me:{Password}@127.0.0.1:{port}/evals", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("StorageFailure"));
            Assert.That(result.Error, Does.StartWith("error: Could not talk to the server").And.Contain($"127.0.0.1:{port}").And.Contain("as 'me'"));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Output + result.Error, Does.Not.Contain(Password));
        });
    }

    [Test]
    public void Open_MissingDatabase_FailsClearly()
    {
        var result = Pg("list", Keywords.Replace("Database=postgres", "Database=no_such_db", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("error: The database does not exist").And.Contain("no_such_db"));
        });
    }

    [Test]
    public void Open_Pgpassword_IsTheLoginPasswordAndNeverPrinted()
    {
        // A server of the test's own, whose rules ask one role for its password (the shared one trusts everyone).
        using var server = PostgresSuite.StartOwnServer();
        var role = "u_" + Guid.NewGuid().ToString("N")[..12];
        var password = "pw-" + Guid.NewGuid().ToString("N");
        RequirePassword(server, role, password);
        var store = $"postgresql://{role}@{server.Host}:{server.Port}/postgres";

        var saved = Environment.GetEnvironmentVariable("PGPASSWORD");
        CliResult created, listed, refused;
        try
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", password);
            created = Pg("create", store, "qa");
            listed = Pg("list", store, "--json");
            Environment.SetEnvironmentVariable("PGPASSWORD", "wrong-" + password);
            refused = Pg("list", store, "--json");
        }
        finally
        {
            Environment.SetEnvironmentVariable("PGPASSWORD", saved);
        }

        Assert.Multiple(() =>
        {
            Assert.That(created.ExitCode, Is.Zero, created.ToString);
            Assert.That(listed.ExitCode, Is.Zero, listed.ToString);
            Assert.That(listed.Json["datasets"]![0]!["name"]!.GetValue<string>(), Is.EqualTo("qa"));
            Assert.That(refused.ExitCode, Is.EqualTo(1));
            Assert.That(refused.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("StorageFailure"));
            Assert.That(refused.Error, Does.StartWith("error: The server refused the login").And.Contain($"as '{role}'").And.Contain("PGPASSWORD"));
            foreach (var result in new[] { created, listed, refused })
            {
                Assert.That(result.Output + result.Error, Does.Not.Contain(password));
            }
        });
    }

    /// <summary>Gets text output with the line breaks the console puts into long lines removed.</summary>
    private static string Unwrapped(string output) => output.ReplaceLineEndings("\n").Replace("\n", "", StringComparison.Ordinal);

    /// <summary>Gets a port of 127.0.0.1 nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Creates a role that logs in with <paramref name="password"/> only (SCRAM), and waits until the server asks for it.</summary>
    private static void RequirePassword(PostgresServer server, string role, string password)
    {
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD '{password}'; GRANT CREATE ON DATABASE postgres TO {role}", connection);
            create.ExecuteNonQuery();
        }

        // The first rule that matches a connection decides, so this one goes before the cluster's trust rules.
        var rules = Path.Combine(server.DataDirectory, "pg_hba.conf");
        File.WriteAllText(rules, $"host all {role} 127.0.0.1/32 scram-sha-256\n" + File.ReadAllText(rules));
        using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            connection.Open();
            using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            reload.ExecuteNonQuery();
        }

        // The server rereads its rules a moment after the signal: wait until a wrong password is refused.
        var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Username = role, Password = "not-" + password, Pooling = false }.ConnectionString;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new NpgsqlConnection(wrong);
                probe.Open();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                return;
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                Assert.Fail("The server did not start asking for the password within 10 s.");
            }

            Thread.Sleep(50);
        }
    }
}
