namespace LiteDatasets.Cli.Tests;

/// <summary>Exit codes, one-line reasons and help, across commands.</summary>
[TestFixture]
public sealed class ErrorHandlingTests : CliTestBase
{
    private static readonly string[][] Commands =
    [
        ["create"], ["list"], ["import"], ["export"], ["items"], ["show"], ["history"], ["versions"], ["diff"],
        ["tag"], ["tag", "add"], ["tag", "move"], ["tag", "delete"], ["restore"], ["info"], ["verify"], ["demo"],
        ["experiments"], ["experiments", "list"], ["experiments", "create"], ["experiments", "show"], ["experiments", "delete"],
    ];

    [TestCaseSource(nameof(Commands))]
    public void Help_EveryCommand_PrintsUsageAndExitsZero(string[] command)
    {
        var result = Run([.. command, "--help"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(result.Output, Does.Contain("USAGE:"));
            Assert.That(result.Error, Is.Empty);
        });
    }

    [Test]
    public void Help_NoArguments_ListsEveryCommand()
    {
        var result = Run("--help");

        Assert.That(result.Output, Does.Contain("demo").And.Contain("import").And.Contain("restore").And.Contain("verify"));
    }

    [TestCase("tag", TestName = "Run_TagWithoutSubcommand_ExitsTwo")]
    [TestCase("frobnicate", TestName = "Run_UnknownCommand_ExitsTwo")]
    [TestCase("items demo.litedb", TestName = "Run_MissingArgument_ExitsTwo")]
    [TestCase("items demo.litedb gsm8k-demo --bogus", TestName = "Run_UnknownOption_ExitsTwo")]
    [TestCase("items demo.litedb gsm8k-demo --page-size many", TestName = "Run_OptionOfWrongType_ExitsTwo")]
    public void Run_BadCommandLine_ExitsTwoWithOneLine(string commandLine)
    {
        var result = Run(commandLine.Split(' '));

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(2));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("error: ").And.Contain("--help"));
        });
    }

    [TestCase("items demo.litedb gsm8k-demo --page-size many", "--page-size takes a whole number up to 2147483647; 'many' is not one.")]
    [TestCase("items demo.litedb gsm8k-demo --page-size=99999999999", "--page-size takes a whole number up to 2147483647; '99999999999' is not one.")]
    [TestCase("tag", "'tag' needs a subcommand: add, move or delete. Run 'litedatasets tag --help' for usage.")]
    public void Run_BadCommandLine_SaysWhatIsWrongInTheToolsTerms(string commandLine, string reason)
    {
        var result = Run(commandLine.Split(' '));

        Assert.That(result.Error, Does.StartWith("error: " + reason));
    }

    [TestCase("items missing.litedb x", "FileNotFound", TestName = "Run_MissingStoreFile_ExitsOne")]
    [TestCase("items demo.litedb nope", "DatasetNotFound", TestName = "Run_UnknownDataset_ExitsOne")]
    [TestCase("items demo.litedb gsm8k-demo --at nope", "TagNotFound", TestName = "Run_UnknownTag_ExitsOne")]
    [TestCase("items demo.litedb gsm8k-demo --page-size 5000", "InvalidArgument", TestName = "Run_PageSizeOutOfRange_ExitsOne")]
    [TestCase("items demo.litedb gsm8k-demo --meta novalue", "InvalidArgument", TestName = "Run_MalformedFilter_ExitsOne")]
    [TestCase("import demo.litedb gsm8k-demo demo.litedb", "InvalidArgument", TestName = "Run_ImportUnknownExtension_ExitsOne")]
    [TestCase("info not-a-store.txt", "FileCorrupt", TestName = "Run_FileThatIsNotAStore_ExitsOne")]
    public void Run_UserError_ExitsOneWithOneLineAndJsonError(string commandLine, string code)
    {
        CopyDemo();
        WriteFile("not-a-store.txt", "hello, this is text");

        var result = Run([.. commandLine.Split(' '), "--json"]);

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Error.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(result.Error, Does.StartWith("error: ").And.Not.Contain("   at "));
            Assert.That(Keys(result.Json["error"]), Does.Contain("code").And.Contain("message"));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo(code));
        });
    }
}
