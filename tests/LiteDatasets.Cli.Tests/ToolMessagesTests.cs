using LiteDatasets.Cli.Infrastructure;

namespace LiteDatasets.Cli.Tests;

/// <summary>The tool's rewriting of library advice stays in step with the library's messages.</summary>
[TestFixture]
public sealed class ToolMessagesTests : CliTestBase
{
    private static IEnumerable<TestCaseData> Advice() =>
        ToolMessages.Advice.Select(a => new TestCaseData(a.Library, a.Tool).SetArgDisplayNames(a.Library));

    [TestCaseSource(nameof(Advice))]
    public void Advice_TheLibraryStillWritesIt_AndTheToolReplacesIt(string library, string tool)
    {
        var sources = System.IO.Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "src", "LiteDatasets"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(sources.Any(f => File.ReadAllText(f).Contains(library, StringComparison.Ordinal)), Is.True,
                "The library no longer writes this advice; update the tool's rewriting.");
            Assert.That(ToolMessages.For("Something failed. " + library), Is.EqualTo("Something failed. " + tool));
        });
    }
}
