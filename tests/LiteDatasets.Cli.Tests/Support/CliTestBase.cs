using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Runs the tool in-process in a temporary directory of its own, capturing standard output and error.
/// The demo file is built once per fixture and copied for each test that needs it.
/// </summary>
public abstract class CliTestBase
{
    private string? _demoTemplate;

    /// <summary>Gets the current test's working directory.</summary>
    protected string Directory { get; private set; } = "";

    [SetUp]
    public void CreateDirectory()
    {
        Directory = Path.Combine(Path.GetTempPath(), "litedatasets-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open in a failed test; the OS temp cleaner will take it.
        }
    }

    [OneTimeTearDown]
    public void DeleteDemoTemplate()
    {
        if (_demoTemplate is not null)
        {
            System.IO.Directory.Delete(Path.GetDirectoryName(_demoTemplate)!, recursive: true);
        }
    }

    /// <summary>Runs one command line in <see cref="Directory"/>.</summary>
    protected CliResult Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs one command line with <paramref name="input"/> as standard input.</summary>
    protected CliResult RunWithInput(string? input, params string[] args) => RunWith(input, null, args);

    /// <summary>Runs one command line on a console <paramref name="width"/> columns wide.</summary>
    protected CliResult RunAtWidth(int width, params string[] args) => RunWith(null, width, args);

    private CliResult RunWith(string? input, int? width, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment(output, error, Directory, interactive: false,
            openInput: () => new MemoryStream(Encoding.UTF8.GetBytes(input ?? "")), width: width);
        var code = CliApp.Run(args, env);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Starts the built tool as a separate process in <see cref="Directory"/>, with every standard stream redirected.</summary>
    protected Process StartTool(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "LiteDatasets.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs a command that must succeed with --json and returns its document.</summary>
    protected JsonObject RunJson(params string[] args)
    {
        var result = Run([.. args, "--json"]);
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        return result.Json;
    }

    /// <summary>Copies a demo file (built by the demo command once per fixture) into <see cref="Directory"/> as demo.litedb.</summary>
    protected string CopyDemo()
    {
        if (_demoTemplate is null)
        {
            var saved = Directory;
            Directory = Path.Combine(Path.GetTempPath(), "litedatasets-cli-tests", Guid.NewGuid().ToString("N"));
            System.IO.Directory.CreateDirectory(Directory);
            var built = Run("demo");
            Assert.That(built.ExitCode, Is.Zero, built.ToString);
            _demoTemplate = Path.Combine(Directory, "demo.litedb");
            Directory = saved;
        }

        var path = Path.Combine(Directory, "demo.litedb");
        File.Copy(_demoTemplate, path);
        return path;
    }

    /// <summary>
    /// Creates <paramref name="file"/> in <see cref="Directory"/> through the library, every timestamp at
    /// 2026-01-02 03:04:05 UTC, and lets <paramref name="build"/> fill it.
    /// </summary>
    protected string BuildStore(string file, Action<DatasetStore> build)
    {
        var path = Path.Combine(Directory, file);
        using (var store = DatasetStore.Open(new DatasetStoreOptions { Path = path, TimeProvider = new FixedClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)) }))
        {
            build(store);
        }

        return path;
    }

    /// <summary>Writes a file into <see cref="Directory"/>.</summary>
    protected string WriteFile(string name, string text)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Gets the path of a GSM8K file in the repository.</summary>
    protected static string Gsm8k(string file) => Path.Combine(RepositoryRoot(), "data", "gsm8k", file);

    /// <summary>Gets the repository's root: the folder of LiteDatasets.sln above the test's output.</summary>
    protected static string RepositoryRoot()
    {
        var root = TestContext.CurrentContext.TestDirectory;
        while (!File.Exists(Path.Combine(root, "LiteDatasets.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new AssertionException("The repository root was not found.");
        }

        return root;
    }

    /// <summary>Gets the names of an object's members, in order.</summary>
    protected static string[] Keys(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    /// <summary>The members of an item in every --json output.</summary>
    protected static readonly string[] ItemKeys = ["id", "externalId", "input", "expectedOutput", "metadata", "version", "createdAt", "updatedAt"];

    /// <summary>The members of a version in every --json output.</summary>
    protected static readonly string[] VersionKeys = ["number", "createdAt", "message", "added", "updated", "deleted", "itemCount", "schemaChanged", "tags", "fingerprint"];

    /// <summary>The members of a dataset in every --json output.</summary>
    protected static readonly string[] DatasetKeys = ["id", "name", "description", "metadata", "version", "itemCount", "createdAt", "updatedAt", "inputSchema", "expectedOutputSchema"];
}
