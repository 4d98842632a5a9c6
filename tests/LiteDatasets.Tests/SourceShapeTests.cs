namespace LiteDatasets.Tests;

/// <summary>
/// The shape of the sources (src and tests): one top-level type per file, named as the file; short files; short
/// methods. Partial pieces of a type live in files named <c>Type.Concern.cs</c>.
/// </summary>
[TestFixture]
public sealed class SourceShapeTests
{
    /// <summary>A file longer than this holds more than one concept; split it along a seam (a helper type, or partial pieces by concern).</summary>
    private const int MaxFileLines = 400;

    /// <summary>A method longer than this (signature to closing brace) no longer reads as one step; extract named steps.</summary>
    private const int MaxMethodLines = 60;

    private static readonly string[] Roots = ["src", "tests"];

    [Test]
    public void EachFile_DeclaresAtMostOneTopLevelType_NamedAsTheFile()
    {
        var problems = Sources().SelectMany(f => TypeProblems(f.Path, f.Shape.TopLevelTypes));

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Files_AreShort()
    {
        var tooLong = Sources()
            .Select(f => (f.Path, Lines: File.ReadLines(f.Path).Count()))
            .Where(f => f.Lines > MaxFileLines)
            .Select(f => $"{Relative(f.Path)}: {f.Lines} lines");

        Assert.That(tooLong, Is.Empty);
    }

    [Test]
    public void Methods_AreShort()
    {
        var sources = Sources();
        var tooLong = sources
            .SelectMany(f => f.Shape.Methods.Where(m => m.Lines > MaxMethodLines).Select(m => $"{Relative(f.Path)}:{m.Line} {m.Name}: {m.Lines} lines"));

        Assert.Multiple(() =>
        {
            Assert.That(tooLong, Is.Empty);
            Assert.That(sources.Sum(f => f.Shape.Methods.Count), Is.GreaterThan(900), "The scanner finds the methods.");
        });
    }

    [Test]
    public void Scanner_FindsTypesAndMethods_NotLambdasLocalFunctionsOrProperties()
    {
        const string Source = """
            namespace Sample;

            public sealed partial class First<T>(int seed) : Base(seed) where T : class, new()
            {
                private readonly Dictionary<string, int> map = new() { ["a"] = 1 };

                public int Value { get { return seed; } set { } }

                public int this[int i] { get { return i; } }

                [Test]
                [TestCase("{")]
                public void Long(int x = 1)
                {
                    Action act = () => { Console.WriteLine("}"); };
                    int Local(int y) { return y; }
                    if (x > 0) { act(); }
                    var text = $"{x} {{ }}";
                }

                public int Twice => seed * 2;

                public First() : this(1) { }

                public static bool operator ==(First<T> a, First<T> b) { return true; }

                public U Generic<U>() where U : new() { return new U(); }

                private sealed class Nested { private void Inner() { } }
            }

            public sealed record Second(int A);

            internal enum Third { A, B }
            """;

        var shape = SourceShape.Read(Source);

        Assert.Multiple(() =>
        {
            Assert.That(shape.TopLevelTypes.Select(t => (t.Name, t.IsPartial, t.Line)), Is.EqualTo(new[] { ("First", true, 3), ("Second", false, 32), ("Third", false, 34) }));
            Assert.That(shape.Methods.Select(m => (m.Name, m.Line, m.Lines)), Is.EqualTo(new[] { ("Long", 13, 7), ("First", 23, 1), ("operator", 25, 1), ("Generic", 27, 1), ("Inner", 29, 1) }));
            Assert.That(TypeProblems("First.cs", shape.TopLevelTypes).Count(), Is.EqualTo(3));
        });
    }

    [Test]
    public void Scanner_RefusesUnbalancedBraces() =>
        Assert.Throws<FormatException>(() => SourceShape.Read("class A { void M() { }"));

    /// <summary>What is wrong with the top-level types of the file at <paramref name="path"/>: more than one, or one not named as the file.</summary>
    private static IEnumerable<string> TypeProblems(string path, IReadOnlyList<SourceShape.DeclaredType> types)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (types.Count > 1)
        {
            yield return $"{Relative(path)}: {types.Count} top-level types ({string.Join(", ", types.Select(t => t.Name))})";
        }

        foreach (var type in types.Where(t => t.Name != (t.IsPartial ? name.Split('.')[0] : name)))
        {
            yield return $"{Relative(path)}:{type.Line} {type.Name} is not named as the file";
        }
    }

    /// <summary>The C# files under src and tests, outside obj and bin, each with its shape.</summary>
    private static List<(string Path, SourceShape Shape)> Sources() =>
        Roots.SelectMany(r => Directory.EnumerateFiles(Repository.File(r), "*.cs", SearchOption.AllDirectories))
            .Where(f => !Relative(f).Split(Path.DirectorySeparatorChar).Intersect(["obj", "bin"]).Any())
            .Select(f => (f, Read(f)))
            .ToList();

    private static SourceShape Read(string path)
    {
        try
        {
            return SourceShape.Read(File.ReadAllText(path));
        }
        catch (FormatException e)
        {
            throw new AssertionException($"{Relative(path)} could not be read: {e.Message}", e);
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);
}
