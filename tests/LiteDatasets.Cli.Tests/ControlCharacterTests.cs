using System.Text.Json.Nodes;

namespace LiteDatasets.Cli.Tests;

/// <summary>
/// Control characters in data never reach the terminal: everything printed for people shows them escaped (an
/// ANSI colour, a window title, a clear screen), while --json keeps the data exact.
/// </summary>
[TestFixture]
public sealed class ControlCharacterTests : CliTestBase
{
    private const string Red = "\u001b[31mred\u001b[0m";
    private const string Title = "\u001b]0;pwned\u0007";
    private const string Clear = "\u001b[2J\u001bc";

    [SetUp]
    public void BuildHostileStore() => BuildStore("evals.litedb", store =>
    {
        store.CreateDataset(new DatasetDefinition("qa") { Id = "qa", Description = "about " + Clear });
        store.AddItems("qa", [new ItemDraft(JsonValue.Create(Red + "\nline\r\nend\rover")) { Id = "1", ExternalId = Title, ExpectedOutput = JsonValue.Create("a\u009b2Jb\u007f"), Metadata = new JsonObject { ["k\u001b[1m"] = "v\u0007" } }],
            new WriteOptions { Message = "import " + Clear });
        store.UpdateItem("qa", "1", new ItemPatch { ExpectedOutput = JsonValue.Create("changed " + Clear) });
    });

    [TestCase("items", "evals.litedb", "qa")]
    [TestCase("items", "evals.litedb", "qa", "--full-ids")]
    [TestCase("show", "evals.litedb", "qa", "1", "--at", "1")]
    [TestCase("show", "evals.litedb", "qa", "1", "--raw")]
    [TestCase("history", "evals.litedb", "qa", "1")]
    [TestCase("diff", "evals.litedb", "qa", "0")]
    [TestCase("diff", "evals.litedb", "qa", "1")]
    [TestCase("versions", "evals.litedb", "qa")]
    [TestCase("list", "evals.litedb")]
    [TestCase("info", "evals.litedb")]
    public void Command_DataWithControlCharacters_PrintsThemEscaped(params string[] args)
    {
        var result = Run(args);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(Controls(result.Output), Is.Empty, result.Output);
            Assert.That(result.Output, Does.Contain("\\u001B["));
        });
    }

    [Test]
    public void Show_ControlCharacters_AreWrittenAsJsonEscapes()
    {
        var result = Run("show", "evals.litedb", "qa", "1", "--at", "1");

        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Contain("\\u001B]0;pwned\\u0007"));
            Assert.That(result.Output, Does.Contain("\\u001B[31mred\\u001B[0m"));
            Assert.That(result.Output, Does.Contain("a\\u009B2Jb\\u007F"));
            Assert.That(result.Output, Does.Contain("end\\rover"));
        });
    }

    [Test]
    public void Error_ArgumentWithControlCharacters_IsEscapedOnStandardError()
    {
        var result = Run("show", "evals.litedb", "qa", Title);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(Controls(result.Error.TrimEnd('\n')), Is.Empty, result.Error);
            Assert.That(result.Error, Does.Contain("'\\u001B]0;pwned\\u0007'"));
        });
    }

    [Test]
    public void Json_ControlCharacters_StayExactDataInEscapedJson()
    {
        var result = Run("show", "evals.litedb", "qa", "1", "--at", "1", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(Controls(result.Output), Is.Empty, result.Output);
            Assert.That(result.Json["item"]!["externalId"]!.GetValue<string>(), Is.EqualTo(Title));
            Assert.That(result.Json["item"]!["metadata"]!.AsObject().Single().Key, Is.EqualTo("k\u001b[1m"));
        });
    }

    /// <summary>Gets the control characters of a text other than line breaks (a line feed, or a carriage return and a line feed) and tabs.</summary>
    private static string Controls(string text) => string.Concat(text.Replace("\r\n", "\n", StringComparison.Ordinal).Where(c => char.IsControl(c) && c is not '\n' and not '\t'));
}
