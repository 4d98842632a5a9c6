namespace LiteDatasets.Cli.Tests;

/// <summary>CSV through import and export: the native CSV keeps every JSON type and is safe to open in a spreadsheet.</summary>
[TestFixture]
public sealed class CsvCommandTests : CliTestBase
{
    private const string Typed =
        """
        {"id":"1","externalId":"=k1","input":{"question":"2*2","choices":[3,4]},"expectedOutput":[4],"metadata":{"delta":-1.50}}
        {"id":"2","input":"-3 apples","expectedOutput":-3}

        """;

    [Test]
    public void ExportCsv_TypedPayloads_WritesJsonCellsBehindTextMarkers()
    {
        WriteFile("typed.jsonl", Typed);
        Run("import", "evals.litedb", "qa", "typed.jsonl", "--create");

        var result = Run("export", "evals.litedb", "qa", "typed.csv");

        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString);
            Assert.That(File.ReadAllText(Path.Combine(Directory, "typed.csv")), Is.EqualTo(
                "id,externalId,input:json,expectedOutput:json,metadata:json\r\n" +
                "1,'=k1,\"{\"\"question\"\":\"\"2*2\"\",\"\"choices\"\":[3,4]}\",[4],\"{\"\"delta\"\":-1.50}\"\r\n" +
                "2,,\"\"\"-3 apples\"\"\",'-3,\r\n"));
        });
    }

    [Test]
    public void ImportCsv_ExportedFile_KeepsTheFingerprintAndUpsertsNothing()
    {
        WriteFile("typed.jsonl", Typed);
        Run("import", "evals.litedb", "qa", "typed.jsonl", "--create");
        Run("export", "evals.litedb", "qa", "typed.csv");

        var copy = RunJson("import", "evals.litedb", "copy", "typed.csv", "--create");
        var upsert = Run("import", "evals.litedb", "qa", "typed.csv", "--mode", "upsert");

        Assert.Multiple(() =>
        {
            Assert.That(copy["added"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(Fingerprint("copy"), Is.EqualTo(Fingerprint("qa")));
            Assert.That(RunJson("show", "evals.litedb", "copy", "1")["item"]!["input"]!.ToJsonString(), Is.EqualTo("""{"question":"2*2","choices":[3,4]}"""));
            Assert.That(upsert.Output, Is.EqualTo("Read 2 records from typed.csv: nothing changed, so no version was created (qa stays at version 1).\n"));
        });
    }

    [Test]
    public void ImportCsv_EarlierNativeShape_ReadsStringsAsBefore()
    {
        WriteFile("earlier.csv", "id,externalId,input,expectedOutput,metadata\n1,'=k,\"{\"\"q\"\":1}\",-3,\n");

        Run("import", "evals.litedb", "qa", "earlier.csv", "--create");

        var item = RunJson("show", "evals.litedb", "qa", "1")["item"]!;
        Assert.That((item["externalId"]!.GetValue<string>(), item["input"]!.GetValue<string>(), item["expectedOutput"]!.GetValue<string>()), Is.EqualTo(("'=k", "{\"q\":1}", "-3")));
    }

    private string Fingerprint(string dataset) => RunJson("versions", "evals.litedb", dataset)["versions"]![0]!["fingerprint"]!.GetValue<string>();
}
