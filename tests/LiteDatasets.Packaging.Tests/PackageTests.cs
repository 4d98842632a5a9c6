using System.IO.Compression;
using System.Xml.Linq;

namespace LiteDatasets.Packaging.Tests;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of the solution gives the library, the PostgreSQL engine, the
/// Microsoft.Extensions.AI add-on and the tool with their metadata; the library restores into a fresh console app that writes and reads a store,
/// and the tool installs into a tool path and runs its demo. Packages restore into a private folder
/// (<c>NUGET_PACKAGES</c>), so nothing of the machine's package cache is used or changed.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class PackageTests
{
    private static readonly string[] Packages = ["LiteDatasets", "LiteDatasets.PostgreSql", "LiteDatasets.Extensions.AI", "LiteDatasets.Cli"];

    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;
    private Dictionary<string, string> _environment = null!;

    [OneTimeSetUp]
    public void Pack()
    {
        _root = Path.Combine(Path.GetTempPath(), "litedatasets-pack-" + Guid.NewGuid().ToString("N"));
        _feed = Path.Combine(_root, "feed");
        Directory.CreateDirectory(_feed);
        _environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Path.Combine(_root, "packages"),
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };

        var (code, output) = Dotnet.Run(Repository.Root, _environment, "pack", "LiteDatasets.sln", "-c", "Release", "--no-build", "-o", _feed);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("warning"), "Packing warns about nothing, even in a clone without a git remote.");
        _version = Nuspec("LiteDatasets").Element("version")!.Value;
    }

    [OneTimeTearDown]
    public void RemoveFolder()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A process still closing a file; the OS temp cleaner takes the rest.
        }
    }

    [TestCaseSource(nameof(Packages))]
    public void Pack_EachPackage_HasFullMetadataTheLicenceAndTheReadme(string id)
    {
        var nuspec = Nuspec(id);
        var entries = Entries(id);

        Assert.Multiple(() =>
        {
            Assert.That(nuspec.Element("version")!.Value, Is.EqualTo(_version), "One version for every package.");
            Assert.That(nuspec.Element("license")?.Value, Is.EqualTo("MIT"));
            Assert.That(nuspec.Element("authors")?.Value, Is.Not.Empty);
            Assert.That(nuspec.Element("description")?.Value, Has.Length.GreaterThan(40));
            Assert.That(nuspec.Element("readme")?.Value, Is.EqualTo("README.md"));
            Assert.That(nuspec.Element("repository")?.Attribute("commit")?.Value, Has.Length.EqualTo(40), "SourceLink records the commit.");
            Assert.That(entries, Does.Contain("README.md").And.Contain("LICENSE"));
            Assert.That(File.Exists(Path.Combine(_feed, $"{id}.{_version}.snupkg")), Is.True, "A symbol package sits beside it.");
        });
    }

    [Test]
    public void Library_InstalledIntoAFreshConsoleApp_WritesAndReadsAStore()
    {
        var app = Path.Combine(_root, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="local" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="LiteDatasets" Version="{_version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System.Text.Json.Nodes;
            using LiteDatasets;

            var path = Path.Combine(AppContext.BaseDirectory, "app.litedb");
            using (var store = DatasetStore.Open(path))
            {
                var dataset = store.CreateDataset(new DatasetDefinition("from the package"));
                store.AddItem(dataset.Id, new ItemDraft(JsonValue.Create("2+2")) { ExpectedOutput = JsonValue.Create("4") });
            }

            using (var store = DatasetStore.Open(path))
            {
                var dataset = store.FindDataset("from the package")!;
                var item = store.ReadItems(dataset.Id).Single();
                Console.WriteLine($"read {dataset.Version} {item.Input.GetValue<string>()} {item.ExpectedOutput!.GetValue<string>()}");
            }
            """);

        var (code, output) = Dotnet.Run(app, _environment, "run", "-c", "Release");

        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("read 1 2+2 4"));
    }

    [Test]
    public void Tool_InstalledIntoAToolPath_RunsTheDemo()
    {
        var tools = Path.Combine(_root, "tools");
        var work = Path.Combine(_root, "demo");
        Directory.CreateDirectory(work);

        var install = Dotnet.Run(_root, _environment, "tool", "install", "LiteDatasets.Cli", "--version", _version, "--tool-path", tools, "--add-source", _feed);
        Assert.That(install.ExitCode, Is.Zero, install.Output);

        var demo = Dotnet.Program(Path.Combine(tools, OperatingSystem.IsWindows() ? "litedatasets.exe" : "litedatasets"), work, _environment, "demo");

        Assert.Multiple(() =>
        {
            Assert.That(demo.ExitCode, Is.Zero, demo.Output);
            Assert.That(File.Exists(Path.Combine(work, "demo.litedb")), Is.True);
            Assert.That(demo.Output, Does.Contain("GSM8K"));
        });
    }

    private XElement Nuspec(string id)
    {
        using var package = ZipFile.OpenRead(Directory.GetFiles(_feed, id + ".*.nupkg").Single(f => IsPackageOf(f, id)));
        using var stream = package.GetEntry(id + ".nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        return new XElement("metadata", metadata.Elements().Select(e => new XElement(e.Name.LocalName, e.Attributes(), e.Value)));
    }

    private List<string> Entries(string id)
    {
        using var package = ZipFile.OpenRead(Directory.GetFiles(_feed, id + ".*.nupkg").Single(f => IsPackageOf(f, id)));
        return [.. package.Entries.Select(e => e.FullName)];
    }

    // "LiteDatasets.*.nupkg" also matches "LiteDatasets.Cli.0.1.0.nupkg": the rest of the name must be the version.
    private static bool IsPackageOf(string file, string id) =>
        char.IsAsciiDigit(Path.GetFileName(file)[(id.Length + 1)..][0]);
}
