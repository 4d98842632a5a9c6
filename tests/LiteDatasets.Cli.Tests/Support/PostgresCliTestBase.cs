using LiteDatasets.Tests;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Commands on a PostgreSQL store: every test keeps to a schema of its own (<c>--schema</c>) on the test run's
/// private server.
/// </summary>
public abstract class PostgresCliTestBase : CliTestBase
{
    /// <summary>Three keyed question and answer lines.</summary>
    protected const string Jsonl = "{\"k\":\"a\",\"q\":\"1+1\",\"a\":\"2\"}\n{\"k\":\"b\",\"q\":\"2+2\",\"a\":\"4\"}\n{\"k\":\"c\",\"q\":\"3+3\",\"a\":\"6\"}\n";

    /// <summary>The mapping of <see cref="Jsonl"/>'s fields.</summary>
    protected static readonly string[] Mapping = ["--input", "q", "--expected", "a", "--key", "k"];

    /// <summary>Gets this test's schema.</summary>
    protected string Schema { get; private set; } = "";

    /// <summary>Gets the shared server's connection in Npgsql's keyword form (skips the test where there is no PostgreSQL).</summary>
    protected static string Keywords => PostgresSuite.Server.ConnectionString;

    /// <summary>Gets the shared server's connection as a URL.</summary>
    protected static string Url => $"postgresql://postgres@{PostgresSuite.Server.Host}:{PostgresSuite.Server.Port}/postgres";

    [SetUp]
    public void NewSchema() => Schema = PostgresSuite.NewSchema();

    /// <summary>Runs a command on this test's schema.</summary>
    protected CliResult Pg(params string[] args) => Run([.. args, "--schema", Schema]);

    /// <summary>Runs a command on this test's schema that must succeed with --json, and returns its document.</summary>
    protected System.Text.Json.Nodes.JsonObject PgJson(params string[] args) => RunJson([.. args, "--schema", Schema]);
}
