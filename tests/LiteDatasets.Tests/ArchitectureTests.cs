using System.Text.RegularExpressions;

namespace LiteDatasets.Tests;

/// <summary>
/// The shape of the library, contract → rules → engines: everything that names LiteDB lives in the LiteDB engine's
/// folder (<c>Engines/LiteDb</c>), and the core — the contract, the rules and the storage port, everything outside
/// <c>Engines/</c> — refers to no engine, not even to the LiteDB front door (<see cref="DatasetStore"/>). Code is
/// read with its comments and string literals left out.
/// </summary>
[TestFixture]
public sealed partial class ArchitectureTests
{
    private static string Library => Repository.File("src", "LiteDatasets");

    private static string LiteDbEngine => Path.Combine(Library, "Engines", "LiteDb") + Path.DirectorySeparatorChar;

    private static string Engines => Path.Combine(Library, "Engines") + Path.DirectorySeparatorChar;

    [Test]
    public void LiteDb_IsNamedOnlyInsideTheLiteDbEngine()
    {
        var naming = SourcesNaming(LiteDbNamespace());

        Assert.Multiple(() =>
        {
            Assert.That(naming.Where(f => !f.StartsWith(LiteDbEngine, StringComparison.Ordinal)).Select(Relative), Is.Empty);
            Assert.That(naming.Count(f => f.StartsWith(LiteDbEngine, StringComparison.Ordinal)), Is.GreaterThan(10), "The check finds LiteDB where it is used.");
        });
    }

    [Test]
    public void Core_RefersToNoEngine()
    {
        var naming = SourcesNaming(EngineReference());

        Assert.Multiple(() =>
        {
            Assert.That(naming.Where(f => !f.StartsWith(Engines, StringComparison.Ordinal)).Select(Relative), Is.Empty);
            Assert.That(naming, Is.Not.Empty, "The check finds the engine where it is used.");
        });
    }

    [Test]
    public void Code_WithoutCommentsAndStrings_KeepsOnlyCode()
    {
        const string Source = """
            using LiteDB; // LiteDB in a comment
            /* DatasetStore */ var text = "LiteDB" + @"Engines.LiteDb" + $"{x} DatasetStore" + '"';
            var raw = \"\"\"
                LiteDB
                \"\"\";
            """;

        var code = SourceCode.WithoutCommentsAndStrings(Source.Replace("\\\"", "\"", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(LiteDbNamespace().Matches(code), Has.Count.EqualTo(1));
            Assert.That(EngineReference().IsMatch(code), Is.False);
            Assert.That(code, Does.Contain("var text =").And.Contain("var raw ="));
        });
    }

    [Test]
    public void ArgumentChecks_GoThroughGuardInEveryPackage()
    {
        // The library and the PostgreSQL engine check arguments with Guard, so one message and one rule hold
        // everywhere; the BCL's throw helpers appear in Guard alone.
        var engine = Repository.File("src", "LiteDatasets.PostgreSql");
        var direct = SourcesNaming(DirectArgumentCheck()).Concat(SourcesNaming(DirectArgumentCheck(), engine))
            .Where(f => Path.GetFileName(f) != "Guard.cs");
        var guarded = SourcesNaming(GuardCheck()).Concat(SourcesNaming(GuardCheck(), engine));

        Assert.Multiple(() =>
        {
            Assert.That(direct.Select(Relative), Is.Empty);
            Assert.That(guarded.Count(), Is.GreaterThan(5), "The check finds the argument checks.");
            Assert.That(SourcesNaming(DirectArgumentCheck()).Select(Path.GetFileName), Is.EqualTo(new[] { "Guard.cs" }));
        });
    }

    /// <summary>The source files (outside obj and bin) of <paramref name="root"/> (the library when null) whose code matches <paramref name="pattern"/>.</summary>
    private static List<string> SourcesNaming(Regex pattern, string? root = null) =>
        Directory.EnumerateFiles(root ?? Library, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Relative(f).Split(Path.DirectorySeparatorChar).Intersect(["obj", "bin"]).Any())
            .Where(f => pattern.IsMatch(SourceCode.WithoutCommentsAndStrings(File.ReadAllText(f))))
            .ToList();

    private static string Relative(string path) => Path.GetRelativePath(Library, path);

    /// <summary>The LiteDB namespace (a using directive or a qualified name); LiteDB's types need one of them.</summary>
    [GeneratedRegex(@"\bArgument(Null|OutOfRange)?Exception\.ThrowIf")]
    private static partial Regex DirectArgumentCheck();

    [GeneratedRegex(@"\bGuard\.(NotNull|NotBlank|Positive|NotNegative|Name|ExternalId|PageSize)\(")]
    private static partial Regex GuardCheck();

    [GeneratedRegex(@"\bLiteDB\b")]
    private static partial Regex LiteDbNamespace();

    /// <summary>The engines' namespaces, and the LiteDB front door and its options, which live in the LiteDB engine.</summary>
    [GeneratedRegex(@"\bLiteDatasets\.Engines\b|\bDatasetStore(Options)?\b")]
    private static partial Regex EngineReference();
}
