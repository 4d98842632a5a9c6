namespace LiteDatasets.Cli.Tests;

/// <summary>Mapping mistakes on the command line: a mapped field no record has, and fields some records lack.</summary>
[TestFixture]
public sealed class ImportMappingCommandTests : CliTestBase
{
    private const string Problems = "{\"task_id\":\"t1\",\"prompt\":\"p1\",\"canonical_solution\":\"s1\",\"tests\":\"x\"}\n{\"task_id\":\"t2\",\"prompt\":\"p2\",\"canonical_solution\":\"s2\"}\n";

    [Test]
    public void Import_ExpectedFieldNoRecordHas_FailsNamingTheFieldsAndCreatesNothing()
    {
        WriteFile("code.jsonl", Problems);

        var result = Run("import", "code.litedb", "code", "code.jsonl", "--input", "prompt", "--expected", "solution", "--create", "--json");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1));
            Assert.That(result.Json["error"]!["code"]!.GetValue<string>(), Is.EqualTo("ImportFormat"));
            Assert.That(result.Error, Is.EqualTo("error: code.jsonl: has no field 'solution' (mapped as the expected output) in any of its 2 records; they have 'canonical_solution', 'prompt', 'task_id', 'tests'. Check the field's name. Nothing was imported." + Environment.NewLine));
            Assert.That(RunJson("list", "code.litedb")["datasets"]!.AsArray(), Is.Empty, "The dataset the import would have created is gone.");
        });
    }

    [Test]
    public void Import_MetadataFieldSomeRecordsLack_IsCountedInTextAndJson()
    {
        WriteFile("code.jsonl", Problems);

        var text = Run("import", "code.litedb", "code", "code.jsonl", "--input", "prompt", "--metadata", "tests", "--create");
        var json = RunJson("import", "code.litedb", "code2", "code.jsonl", "--input", "prompt", "--metadata", "tests", "--create");

        Assert.Multiple(() =>
        {
            Assert.That(text.ExitCode, Is.Zero, text.ToString);
            Assert.That(text.Output, Does.Contain("1 record(s) have no 'tests' (imported without it)."));
            Assert.That(json["lackingFields"]!.ToJsonString(), Is.EqualTo("""{"tests":1}"""));
        });
    }
}
