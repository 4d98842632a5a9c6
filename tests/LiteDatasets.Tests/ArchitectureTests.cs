using System.Text;
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

        var code = Code(Source.Replace("\\\"", "\"", StringComparison.Ordinal));

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
            .Where(f => pattern.IsMatch(Code(File.ReadAllText(f))))
            .ToList();

    private static string Relative(string path) => Path.GetRelativePath(Library, path);

    /// <summary>Returns C# source with comments, string literals and character literals blanked out.</summary>
    private static string Code(string source)
    {
        var code = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var rest = source.AsSpan(i);
            if (rest.StartsWith("//"))
            {
                i = SkipTo(source, i, "\n");
            }
            else if (rest.StartsWith("/*"))
            {
                i = SkipTo(source, i + 2, "*/");
            }
            else if (rest.StartsWith("\"\"\""))
            {
                var quotes = rest.Length - rest.TrimStart('"').Length;
                i = SkipTo(source, i + quotes, new string('"', quotes));
            }
            else if (rest.StartsWith("@\"") || rest.StartsWith("$@\"") || rest.StartsWith("@$\""))
            {
                i = SkipVerbatim(source, i + rest.IndexOf('"') + 1);
            }
            else if (rest.StartsWith("\"") || rest.StartsWith("$\"") || rest.StartsWith("'"))
            {
                var quote = rest[rest[0] == '$' ? 1 : 0];
                i = SkipQuoted(source, i + rest.IndexOf(quote) + 1, quote);
            }
            else
            {
                code.Append(source[i++]);
                continue;
            }

            code.Append(' ');
        }

        return code.ToString();
    }

    private static int SkipTo(string source, int from, string end)
    {
        var at = source.IndexOf(end, from, StringComparison.Ordinal);
        return at < 0 ? source.Length : at + end.Length;
    }

    private static int SkipVerbatim(string source, int i)
    {
        while (i < source.Length)
        {
            if (source[i] == '"' && (i + 1 >= source.Length || source[i + 1] != '"'))
            {
                return i + 1;
            }

            i += source[i] == '"' ? 2 : 1;
        }

        return i;
    }

    private static int SkipQuoted(string source, int i, char quote)
    {
        while (i < source.Length && source[i] != quote)
        {
            i += source[i] == '\\' ? 2 : 1;
        }

        return i + 1;
    }

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
